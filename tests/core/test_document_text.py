"""A document's text is read page by page for the search; bad files get a French status."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection

from core import extraction
from core.models import ColloquiumDocument, DocumentPageText
from tests.pdfs import (
    broken_pdf,
    encrypted_pdf,
    image_only_pdf,
    owner_only_encrypted_pdf,
    pages_pdf,
)

STATUS_LABELS = {
    "broken": "texte non extrait : fichier illisible",
    "encrypted": "texte non extrait : fichier protégé par un mot de passe",
    "image-only": "texte non extrait : aucun texte (document numérisé ?)",
}


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload(client, collection, content, name="intervention.pdf", title="Intervention"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": str(collection.pk),
            "tags": "",
        },
    )


def test_uploaded_pdf_text_is_stored_page_by_page(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    content = pages_pdf("Accueil des participants.", "L'ingénierie sociale selon Laëtitia.")

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, root_collection, content)

    assert response.status_code == 302
    document = ColloquiumDocument.objects.get()
    assert document.extraction_status == "extracted"
    pages = list(document.page_texts.values_list("page_number", "text"))
    assert [number for number, _text in pages] == [1, 2]
    assert "ingénierie sociale selon Laëtitia" in pages[1][1]
    assert "Laëtitia" in document.search_text
    # On PostgreSQL each page's words are stored for ranking pages without parsing them.
    assert not document.page_texts.filter(search_vector=None).exists()


@pytest.mark.parametrize(
    ("content", "status"),
    [
        pytest.param(broken_pdf(), "broken", id="broken"),
        pytest.param(encrypted_pdf(), "encrypted", id="encrypted"),
        pytest.param(image_only_pdf(), "image-only", id="image-only"),
    ],
)
def test_unreadable_pdf_uploads_and_its_edit_page_says_why_in_french(
    admin_client, root_collection, django_capture_on_commit_callbacks, content, status
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, root_collection, content)

    assert response.status_code == 302
    document = ColloquiumDocument.objects.get()
    with document.file.open("rb") as stored:
        assert stored.read() == content
    assert not document.page_texts.exists()
    edit_page = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert edit_page.status_code == 200
    html = edit_page.content.decode()
    assert "Texte pour la recherche" in html
    assert STATUS_LABELS[status] in html


def test_multiple_upload_extracts_too(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtaildocs:add_multiple"),
            {
                "files[]": SimpleUploadedFile("actes.pdf", pages_pdf("Les actes du colloque.")),
                "collection": str(root_collection.pk),
            },
        )

    assert response.json()["success"] is True
    document = ColloquiumDocument.objects.get()
    assert document.extraction_status == "extracted"
    assert "actes du colloque" in document.search_text


def test_edit_page_shows_page_count_and_status(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, root_collection, pages_pdf("Un.", "Deux.", "Trois."))
    document = ColloquiumDocument.objects.get()

    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()

    assert "Nombre de pages" in html
    assert "<dd>3</dd>" in html
    assert "texte extrait" in html


def test_replacing_the_file_replaces_the_text(
    admin_client, root_collection, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, root_collection, pages_pdf("Ancienne version : gouvernance."))
    document = ColloquiumDocument.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": "Intervention",
                "file": SimpleUploadedFile("v2.pdf", pages_pdf("Nouvelle version : territoires.")),
                "collection": str(root_collection.pk),
                "tags": "",
            },
        )

    assert response.status_code == 302
    document.refresh_from_db()
    assert "territoires" in document.search_text
    assert "gouvernance" not in document.search_text
    assert list(document.page_texts.values_list("text", flat=True)) == [
        "Nouvelle version : territoires."
    ]


def test_extraction_waits_for_the_commit(admin_client, root_collection):
    """Outside the captured commit the task has not run: the status says so."""
    upload(admin_client, root_collection, pages_pdf("En attente."))

    document = ColloquiumDocument.objects.get()
    assert document.extraction_status == "pending"
    html = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "en attente" in html


def test_non_pdf_documents_are_not_read(root_collection, django_capture_on_commit_callbacks):
    document = ColloquiumDocument(
        title="Liste", collection=root_collection, file=SimpleUploadedFile("liste.txt", b"a;b")
    )
    document._set_document_file_metadata()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()

    document.refresh_from_db()
    assert document.get_extraction_status_display() == "texte non extrait : format non PDF"


def test_owner_password_only_pdf_is_read(tmp_path):
    path = tmp_path / "protected.pdf"
    path.write_bytes(owner_only_encrypted_pdf("Lecture libre"))
    with path.open("rb") as fileobj:
        result = extraction.extract_text(fileobj, "pdf")
    assert result.status == "extracted"
    assert "Lecture libre" in result.pages[0]


def test_page_cap_reads_only_the_first_pages(tmp_path, settings):
    settings.ANDELIS_EXTRACTION_MAX_PAGES = 2
    path = tmp_path / "long.pdf"
    path.write_bytes(pages_pdf("Un.", "Deux.", "Trois."))
    with path.open("rb") as fileobj:
        result = extraction.extract_text(fileobj, "pdf")
    assert result.status == "extracted"
    assert result.pages == ["Un.", "Deux."]
    assert result.truncated


def test_byte_cap_skips_large_files(tmp_path, settings):
    settings.ANDELIS_EXTRACTION_MAX_BYTES = 100
    path = tmp_path / "big.pdf"
    path.write_bytes(pages_pdf("Trop long."))
    with path.open("rb") as fileobj:
        assert extraction.extract_text(fileobj, "pdf").status == "too_large"


def test_search_text_is_capped(settings):
    settings.ANDELIS_SEARCH_TEXT_MAX_CHARS = 10
    assert extraction.aggregated_text(["abcdefgh", "ijklmnop"]) == "abcdefgh\n\n"


def test_control_characters_never_reach_the_database():
    assert extraction.clean_text("a\x00b\x02c\x03d\ne") == "a b c d\ne"


def test_command_re_extracts_every_document(root_collection, django_capture_on_commit_callbacks):
    from tests.factories import ColloquiumDocumentFactory

    first = ColloquiumDocumentFactory(title="Premier")
    second = ColloquiumDocumentFactory(title="Second")
    assert {first.extraction_status, second.extraction_status} == {"pending"}

    call_command("extract_document_text", stdout=io.StringIO())

    assert set(ColloquiumDocument.objects.values_list("extraction_status", flat=True)) == {
        "extracted"
    }
    assert DocumentPageText.objects.filter(document=first, text__contains="Premier").exists()


@pytest.mark.parametrize("query", ["hétérotopies", "hétérotop", "Méditerranée"])
def test_admin_document_search_finds_words_inside_documents(
    admin_client, root_collection, django_capture_on_commit_callbacks, query
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            admin_client,
            root_collection,
            pages_pdf("Sommaire.", "Les hétérotopies en Méditerranée."),
            title="Diaporama de l'intervention",
        )
        upload(admin_client, root_collection, pages_pdf("Autre chose."), title="Programme")

    found = ColloquiumDocument.objects.get(title="Diaporama de l'intervention")
    other = ColloquiumDocument.objects.get(title="Programme")
    admin_client.get(reverse("wagtaildocs:index"))  # shows (and clears) the upload messages

    listing = admin_client.get(reverse("wagtaildocs:index"), {"q": query}).content.decode()
    chooser = admin_client.get(reverse("wagtaildocs_chooser:choose"), {"q": query})

    assert reverse("wagtaildocs:edit", args=[found.pk]) in listing
    assert reverse("wagtaildocs:edit", args=[other.pk]) not in listing
    assert "Diaporama de l&#x27;intervention" in chooser.content.decode()
