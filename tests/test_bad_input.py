"""Bad input in the admin: a clear French message, and nothing saved before is lost.

Every test goes through the real Wagtail admin views as a logged-in editor.
"""

import html

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from core.models import ColloquiumDocument
from events.models import EventPartner, Partner
from tests.factories import (
    EventPageFactory,
    EventPartnerFactory,
    ImageFactory,
    PartnerFactory,
    paris,
    pdf_bytes,
    png_bytes,
)

Image = get_image_model()

PNG_AS_PDF = (
    "Ce fichier porte l'extension « .pdf » mais son contenu est celui d'un fichier « .png »"
)
TEXT_AS_PDF = (
    "Ce fichier porte l'extension « .pdf » mais son contenu n'est pas celui d'un fichier de ce type"
)
NOT_AN_IMAGE = "Téléversez une image valide."
# Wagtail's French catalogue answers Django's "This field is required." with this,
# not Django's own "Ce champ est obligatoire.".
REQUIRED = "Champ requis."


def page_text(response):
    """The response as a visitor reads it: entities such as &#x27; decoded."""
    return html.unescape(response.content.decode())


def post_data(querydict):
    # Keep every value of multi-valued fields (checkbox lists).
    return {key: values if len(values) > 1 else values[0] for key, values in querydict.lists()}


def stored_files(folder):
    if not default_storage.exists(folder):
        return set()
    return set(default_storage.listdir(folder)[1])


# --- Event page --------------------------------------------------------------


@pytest.fixture
def event(db):
    """A published colloquium, with a newer draft not yet published."""
    page = EventPageFactory(
        title="Colloque 2017",
        subtitle="Texte publié",
        start=paris(2017, 6, 14, 9),
        end=paris(2017, 6, 14, 16, 30),
    )
    EventPartnerFactory(page=page, partner=PartnerFactory(name="IMF"))
    page.save_revision().publish()
    page.subtitle = "Brouillon en cours"
    page.save_revision()
    page.refresh_from_db()
    return page


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def assert_event_unchanged(event):
    """The live page and its draft are exactly as they were before the failed save."""
    fresh = type(event).objects.get(pk=event.pk)
    assert fresh.latest_revision_id == event.latest_revision_id
    assert (fresh.title, fresh.subtitle, fresh.start, fresh.end) == (
        "Colloque 2017",
        "Texte publié",
        paris(2017, 6, 14, 9),
        paris(2017, 6, 14, 16, 30),
    )
    assert fresh.has_unpublished_changes
    draft = fresh.get_latest_revision_as_object()
    assert draft.subtitle == "Brouillon en cours"
    assert [(link.partner.name, link.role) for link in fresh.event_partners.all()] == [
        ("IMF", EventPartner.Role.ORGANISER)
    ]


@pytest.mark.parametrize("action", ["action-publish", None], ids=["publish", "save-draft"])
def test_event_ending_before_it_starts_is_refused(admin_client, event, action):
    data = edit_form(admin_client, event)
    assert data["start"] == "14/06/2017 09:00"
    data["subtitle"] = "Ce que l'éditrice vient de taper"
    data["end"] = "14/06/2017 08:00"
    if action:
        data[action] = action

    response = admin_client.post(edit_url(event), post_data(data))

    assert response.status_code == 200
    text = page_text(response)
    assert "La fin du colloque (14/06/2017 08:00) est avant son début (14/06/2017 09:00)" in text
    assert "end" in response.context["form"].errors
    # What the editor typed is still in the form, to be corrected.
    assert 'value="Ce que l&#x27;éditrice vient de taper"' in response.content.decode()
    assert 'value="14/06/2017 08:00"' in response.content.decode()
    assert_event_unchanged(event)


def test_event_programme_day_outside_its_dates_is_refused(admin_client, event):
    data = edit_form(admin_client, event)
    data.update(
        {
            "programme_items-TOTAL_FORMS": "1",
            "programme_items-0-id": "",
            "programme_items-0-ORDER": "1",
            "programme_items-0-DELETE": "",
            "programme_items-0-day": "15/06/2017",
            "programme_items-0-start_time": "09:00",
            "programme_items-0-end_time": "10:00",
            "programme_items-0-kind": "talk",
            "programme_items-0-title": "Ouverture",
            "programme_items-0-description": "",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(edit_url(event), post_data(data))

    assert response.status_code == 200
    assert "Ce jour n'est pas dans les dates du colloque (du 14/06/2017 au 14/06/2017)" in (
        page_text(response)
    )
    assert_event_unchanged(event)
    assert not event.programme_items.exists()


def test_partner_without_role_is_refused(admin_client, event):
    newcomer = PartnerFactory(name="Cité des métiers")
    data = edit_form(admin_client, event)
    assert data["event_partners-TOTAL_FORMS"] == "1"
    data.update(
        {
            "event_partners-TOTAL_FORMS": "2",
            "event_partners-1-id": "",
            "event_partners-1-ORDER": "2",
            "event_partners-1-DELETE": "",
            "event_partners-1-partner": str(newcomer.pk),
            "event_partners-1-role": "",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(edit_url(event), post_data(data))

    assert response.status_code == 200
    partner_forms = response.context["form"].formsets["event_partners"].forms
    assert partner_forms[0].errors == {}
    assert partner_forms[1].errors == {"role": [REQUIRED]}
    assert REQUIRED in page_text(response)
    assert_event_unchanged(event)


# --- Partner snippet ---------------------------------------------------------


def test_partner_snippet_url_is_the_documented_one():
    assert reverse("wagtailsnippets_events_partner:add") == "/admin/snippets/events/partner/add/"


def test_partner_logo_without_alt_text_is_refused(admin_client, db):
    logo = ImageFactory(title="Logo IMF")

    response = admin_client.post(
        "/admin/snippets/events/partner/add/",
        {
            "name": "Institut méditerranéen de formation",
            "logo": str(logo.pk),
            "logo_alt_text": "  ",
            "description": rich_text("<p>Organisme de formation.</p>"),
            "website": "https://example.org/imf",
        },
    )

    assert response.status_code == 200
    assert "Décrivez le logo en quelques mots (texte alternatif)" in page_text(response)
    assert "logo_alt_text" in response.context["form"].errors
    assert 'value="Institut méditerranéen de formation"' in response.content.decode()
    assert not Partner.objects.exists()


def test_removing_alt_text_from_a_saved_partner_is_refused(admin_client, db):
    partner = PartnerFactory(name="IMF", logo_alt_text="Logo de l'IMF")
    url = reverse("wagtailsnippets_events_partner:edit", args=[partner.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="w-editor-form")
    data["logo_alt_text"] = ""
    data["website"] = "https://example.org/nouveau"

    response = admin_client.post(url, post_data(data))

    assert response.status_code == 200
    assert "Décrivez le logo en quelques mots" in page_text(response)
    partner.refresh_from_db()
    assert (partner.logo_alt_text, partner.website) == ("Logo de l'IMF", "https://example.org/")


def test_partner_logo_with_alt_text_is_saved(admin_client, db):
    logo = ImageFactory(title="Logo IMF")

    response = admin_client.post(
        "/admin/snippets/events/partner/add/",
        {
            "name": "IMF",
            "logo": str(logo.pk),
            "logo_alt_text": "Logo de l'IMF",
            "description": rich_text("<p>Organisme de formation.</p>"),
            "website": "",
        },
    )

    assert response.status_code == 302
    assert Partner.objects.get().logo_alt_text == "Logo de l'IMF"


# --- Document uploads --------------------------------------------------------


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


WRONG_DOCUMENTS = [
    pytest.param(png_bytes(), PNG_AS_PDF, id="png-named-pdf"),
    pytest.param(b"Programme du colloque, en texte brut.\n" * 20, TEXT_AS_PDF, id="text-named-pdf"),
]


@pytest.mark.parametrize(("content", "message"), WRONG_DOCUMENTS)
def test_document_whose_content_is_not_pdf_is_refused(
    admin_client, root_collection, content, message
):
    files_before = stored_files("documents")

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Programme 2017",
            "file": SimpleUploadedFile("programme.pdf", content),
            "collection": str(root_collection.pk),
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert message in page_text(response)
    assert 'value="Programme 2017"' in response.content.decode()
    assert not ColloquiumDocument.objects.exists()
    assert stored_files("documents") == files_before


@pytest.mark.parametrize(("content", "message"), WRONG_DOCUMENTS)
def test_document_multiple_upload_refuses_wrong_content(
    admin_client, root_collection, content, message
):
    files_before = stored_files("documents")

    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("programme.pdf", content),
            "collection": str(root_collection.pk),
        },
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert message in answer["error_message"]
    assert not ColloquiumDocument.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files("documents") == files_before


def test_valid_pdf_upload_records_format_size_and_pages(admin_client, root_collection):
    content = pdf_bytes("Programme du colloque - document de démonstration", pages=3)

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Programme 2017",
            "file": SimpleUploadedFile("programme.pdf", content),
            "collection": str(root_collection.pk),
            "tags": "",
        },
    )

    assert response.status_code == 302
    document = ColloquiumDocument.objects.get()
    assert (document.file_format, document.file_size, document.page_count) == (
        "PDF",
        len(content),
        3,
    )
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_valid_pdf_multiple_upload_records_format_size_and_pages(admin_client, root_collection):
    content = pdf_bytes("Affiche du colloque", pages=2)

    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("affiche.pdf", content),
            "collection": str(root_collection.pk),
        },
    )

    assert response.json()["success"] is True
    document = ColloquiumDocument.objects.get()
    assert (document.file_format, document.file_size, document.page_count) == (
        "PDF",
        len(content),
        2,
    )


# --- Image uploads -----------------------------------------------------------

WRONG_IMAGES = [
    pytest.param(pdf_bytes("Pas une image"), id="pdf-named-png"),
    pytest.param(b"Ceci est du texte, pas une image.\n" * 20, id="text-named-png"),
]


@pytest.mark.parametrize("content", WRONG_IMAGES)
def test_image_whose_content_is_not_an_image_is_refused(admin_client, root_collection, content):
    files_before = stored_files("original_images")

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Logo",
            "file": SimpleUploadedFile("logo.png", content),
            "collection": str(root_collection.pk),
            "tags": "",
            "description": "",
        },
    )

    assert response.status_code == 200
    assert NOT_AN_IMAGE in page_text(response)
    assert not Image.objects.exists()
    assert stored_files("original_images") == files_before


@pytest.mark.parametrize("content", WRONG_IMAGES)
def test_image_multiple_upload_refuses_wrong_content(admin_client, root_collection, content):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("logo.png", content),
            "collection": str(root_collection.pk),
        },
    )

    answer = response.json()
    assert answer["success"] is False
    assert NOT_AN_IMAGE in answer["error_message"]
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()


def test_admin_speaks_french(admin_client, db):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    assert 'lang="fr"' in response.content.decode()


# --- Oversized uploads and replaced files -------------------------------------


def test_oversized_document_is_refused_in_french(admin_client, root_collection, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2_000
    files_before = stored_files("documents")

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Actes complets",
            "file": SimpleUploadedFile("actes.pdf", pdf_bytes("x " * 4000, pages=3)),
            "collection": str(root_collection.pk),
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert "Ce fichier est trop gros" in page_text(response)
    assert not ColloquiumDocument.objects.exists()
    assert stored_files("documents") == files_before


def test_replacing_a_document_with_a_wrong_file_keeps_the_stored_one(admin_client, root_collection):
    original = pdf_bytes("Le mot du président", pages=2)
    document = ColloquiumDocument(title="Le mot du président", collection=root_collection)
    document.file.save("mot-du-president.pdf", SimpleUploadedFile("m.pdf", original))
    document._set_document_file_metadata()
    document.save()

    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Le mot du président (nouvelle version)",
            "file": SimpleUploadedFile("mot-du-president.pdf", png_bytes()),
            "collection": str(root_collection.pk),
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert PNG_AS_PDF in page_text(response)
    document.refresh_from_db()
    assert document.title == "Le mot du président"
    assert (document.file_format, document.page_count) == ("PDF", 2)
    with document.open_file() as stored:
        assert stored.read() == original
