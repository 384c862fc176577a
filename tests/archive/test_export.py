"""A self-contained copy of a colloquium: what the zip holds, and that it works from a folder.

Each test runs the real command (``manage.py export_colloquium``), unzips the zip into a
temporary folder and reads it as a reader's browser would: every relative address must
lead to a file of the folder, the manifest must describe the files exactly, and the
documents must be the stored ones, byte for byte. The browser checks (Nu, axe, Chromium
from file://) are in test_export_browser.py.
"""

import io
import re
import zipfile
from html import unescape

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.models import SiteSettings
from events.models import EventPage
from publications.models import ArgumentPage, Contribution
from tests.factories import (
    ArgumentPageFactory,
    ColloquiumDocumentFactory,
    EventImageFactory,
    EventPageFactory,
    EventPartnerFactory,
    ImageFactory,
    PartnerFactory,
    PersonFactory,
    ProceedingsPageFactory,
    VenueFactory,
    paris,
)

from .copies import broken_links, export, files_in, read, sha256, text_of

DEMO_TALKS = 6


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)
    return EventPage.objects.get(slug="colloque-2017-marseille")


def add_talk(proceedings, **fields):
    speakers = fields.pop("speakers", [])
    talk = Contribution(**fields)
    proceedings.contributions.add(talk)
    talk.speakers.set(speakers)
    proceedings.save_revision().publish()
    return proceedings.contributions.get(title=fields["title"])


def assert_manifest_describes_the_files(folder, manifest):
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert sorted(listed) == [
        path for path in files_in(folder) if path not in ("manifest.json", "SHA256SUMS")
    ]
    for path, entry in listed.items():
        assert sha256(folder / path) == entry["sha256"], path
        assert (folder / path).stat().st_size == entry["size"], path
    # sha256sum -c SHA256SUMS: every file, the manifest included.
    sums = dict(reversed(line.split("  ", 1)) for line in read(folder, "SHA256SUMS").splitlines())
    assert sorted(sums) == sorted([*listed, "manifest.json"])
    assert all(sha256(folder / path) == digest for path, digest in sums.items())


# --- The demo's 2017 colloquium ---------------------------------------------------------


def test_the_demo_colloquium_exports_its_pages_and_every_link_resolves_inside_the_folder(
    demo, tmp_path
):
    folder, manifest, _ = export("colloque-2017-marseille", tmp_path)

    kinds = [page["kind"] for page in manifest["pages"]]
    assert kinds.count("colloque") == kinds.count("argumentaire") == kinds.count("traces") == 1
    assert kinds.count("intervention") == DEMO_TALKS
    assert manifest["pages"][0]["path"] == "index.html"
    assert "<h1>Colloque national sur l’ingénierie sociale</h1>" in read(folder, "index.html")
    for page in manifest["pages"]:
        assert (folder / page["path"]).is_file(), page
        assert page["url"].startswith(f"{manifest['site']}/colloques/colloque-2017-marseille/")

    # From the event to the proceedings, and from there to each talk, relatively.
    index = read(folder, "index.html")
    assert '<a href="traces-du-colloque/index.html">Traces du colloque</a>' in index
    assert '<a href="argumentaire/index.html">Lire l' in index
    proceedings = read(folder, "traces-du-colloque/index.html")
    talks = [page for page in manifest["pages"] if page["kind"] == "intervention"]
    for talk in talks:
        link = talk["path"].removeprefix("traces-du-colloque/")
        assert f'href="{link}"' in proceedings, link
    talk_page = read(folder, talks[0]["path"])
    assert f"<h1>{talks[0]['title']}</h1>" in talk_page
    assert 'href="../../index.html">Colloque national sur l’ingénierie sociale</a>' in talk_page

    assert broken_links(folder, manifest) == []
    assert_manifest_describes_the_files(folder, manifest)


def test_the_demo_documents_and_images_are_the_stored_files(demo, tmp_path):
    from wagtail.documents import get_document_model

    folder, manifest, _ = export(demo.pk, tmp_path)

    documents = [entry for entry in manifest["files"] if entry["kind"] == "document"]
    stored = get_document_model().objects.all()
    # The poster, and the five talks' documents.
    assert len(documents) == stored.count() == 6
    for document in stored:
        path = folder / "documents" / str(document.pk) / document.filename
        with document.file.open("rb") as file:
            assert path.read_bytes() == file.read(), document.title
    # The images are the renditions the pages show, read from storage.
    images = [entry for entry in manifest["files"] if entry["kind"] == "image"]
    assert images and all(".max-" in entry["path"] for entry in images)
    for entry in images:
        from django.core.files.storage import default_storage

        name = entry["path"].removeprefix("media/")
        with default_storage.open(name, "rb") as file:
            assert (folder / entry["path"]).read_bytes() == file.read()
    # Styles and their fonts.
    for path in ("static/css/site.css", "static/css/print.css", "static/css/export.css"):
        assert (folder / path).is_file()
    assert len(list((folder / "static" / "fonts").glob("*.woff2"))) == 3


def test_the_copy_leaves_out_what_needs_the_server_and_says_what_it_is(demo, tmp_path):
    folder, manifest, _ = export(demo.pk, tmp_path)

    for page in manifest["pages"]:
        html = read(folder, page["path"])
        # No search box, comment or registration form, form token, user bar or feed.
        assert "<form" not in html, page["path"]
        assert "form-token.js" not in html
        assert "wagtail-userbar" not in html
        assert "application/atom+xml" not in html
        assert "site.webmanifest" not in html
        assert ">Rechercher<" not in html
        # The notice: a copy, its date, and the page's address on the site.
        assert 'aria-label="À propos de cette copie"' in html
        assert "Copie autonome faite le" in text_of(html)
        assert f'<a href="{page["url"]}" rel="external">{page["url"]}</a>' in html
    # The comments published under the colloquium are part of what visitors read.
    index = read(folder, "index.html")
    assert "Commentaires" in index and "Ajouter un commentaire" not in index
    # The rest of the site: its address on the live site, marked as leaving the copy.
    site = manifest["site"]
    assert f'<a href="{site}/mentions-legales/" rel="external">Mentions légales</a>' in index
    assert site == demo.get_site().root_url
    assert manifest["colloquium"]["title"] == "Colloque national sur l’ingénierie sociale"
    assert manifest["exported_at"]


def test_a_copy_does_not_change_what_visitors_get(demo, tmp_path, client, settings):
    """The pages of a copy are rendered without the fragment cache: a visitor neither gets
    a copy's page (no search box) nor fills the copy with the live page's forms."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    before = client.get(demo.url).content.decode()
    folder, _, _ = export(demo.pk, tmp_path)
    after = client.get(demo.url).content.decode()

    assert 'role="search"' in before and 'role="search"' in after
    assert "export-notice" not in after
    assert 'role="search"' not in read(folder, "index.html")


# --- A colloquium made with the factories ----------------------------------------------


@pytest.fixture
def colloquium(db):
    venue = VenueFactory(name="Cité des métiers", city="Marseille")
    event = EventPageFactory(
        title="Colloque de Lyon", slug="colloque-lyon", venue=venue, day=paris(2024, 3, 5).date()
    )
    EventPartnerFactory(page=event, partner=PartnerFactory(name="IMF", logo=ImageFactory()))
    EventImageFactory(page=event, image=ImageFactory(title="Affiche"))
    event.save_revision().publish()
    ArgumentPageFactory(parent=event, title="Argumentaire")
    proceedings = ProceedingsPageFactory(parent=event)
    speaker = PersonFactory(name="Marie Curie", affiliation="Université de Lyon")
    add_talk(
        proceedings,
        title="Ouverture",
        speakers=[speaker],
        document=ColloquiumDocumentFactory(title="Ouverture", pages=3),
        abstract="Le mot d’accueil.",
    )
    private = Collection.get_first_root_node().add_child(name="Documents du conseil")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="secret"
    )
    add_talk(
        proceedings,
        title="Compte rendu du conseil",
        document=ColloquiumDocumentFactory(title="Conseil", collection=private),
        video_url="https://video.example.org/conseil",
    )
    return event


def test_a_factory_colloquium_exports_with_its_images_and_public_documents_only(
    colloquium, tmp_path
):
    folder, manifest, _ = export("colloque-lyon", tmp_path)

    assert [page["title"] for page in manifest["pages"]] == [
        "Colloque de Lyon",
        "Argumentaire",
        "Traces du colloque",
        "Ouverture",
        "Compte rendu du conseil",
    ]
    assert broken_links(folder, manifest) == []
    assert_manifest_describes_the_files(folder, manifest)

    # The public document is copied; the private one stays a link to the site, which
    # asks for its password, and is not in the zip.
    documents = [entry["path"] for entry in manifest["files"] if entry["kind"] == "document"]
    assert len(documents) == 1 and documents[0].endswith("/document-ouverture.pdf")
    talk = read(folder, "traces-du-colloque/compte-rendu-du-conseil/index.html")
    link = rf'href="{manifest["site"]}/documents/\d+/document-conseil.pdf" rel="external"'
    assert re.search(link, talk)
    # The renditions shown (the partner's logo, the gallery picture), not the originals.
    images = sorted(entry["path"] for entry in manifest["files"] if entry["kind"] == "image")
    assert len(images) == 2
    assert any(".max-240x120." in path for path in images)
    assert any(".max-1000x1400." in path for path in images)
    assert "<h1>Ouverture</h1>" in read(folder, "traces-du-colloque/ouverture/index.html")


def test_the_chosen_colour_comes_along(colloquium, tmp_path):
    site_settings = SiteSettings.load()
    site_settings.brand_colour = "#7a1d4f"
    site_settings.save()

    folder, manifest, _ = export(colloquium.pk, tmp_path)

    assert '<link rel="stylesheet" href="theme.css">' in read(folder, "index.html")
    assert "--brand: #7a1d4f;" in read(folder, "theme.css")
    assert broken_links(folder, manifest) == []


def test_unpublished_and_private_pages_stay_out(colloquium, tmp_path):
    argument = colloquium.get_children().type(ArgumentPage).get()
    argument.unpublish()
    proceedings = colloquium.get_children().live().get()
    PageViewRestriction.objects.create(page=proceedings, restriction_type="password", password="x")

    folder, manifest, _ = export(colloquium.pk, tmp_path)

    assert [page["kind"] for page in manifest["pages"]] == ["colloque"]
    assert files_in(folder).count("index.html") == 1
    assert not (folder / "argumentaire").exists() and not (folder / "traces-du-colloque").exists()
    assert broken_links(folder, manifest) == []


# --- The command's answers ---------------------------------------------------------------


def test_the_command_writes_a_dated_zip_in_the_current_folder(colloquium, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    call_command("export_colloquium", "/colloques/colloque-lyon/", stdout=io.StringIO())

    (written,) = tmp_path.glob("colloque-lyon-copie-*.zip")
    assert re.fullmatch(r"colloque-lyon-copie-\d{4}-\d{2}-\d{2}\.zip", written.name)
    with zipfile.ZipFile(written) as archive:
        assert "index.html" in archive.namelist() and "manifest.json" in archive.namelist()


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("999999", "Aucune page n’a l’identifiant 999999."),
        ("colloque-inconnu", "Aucun colloque n’a le slug « colloque-inconnu »"),
        ("/colloques/inconnu/", "Aucun colloque n’a l’adresse /colloques/inconnu/"),
    ],
)
def test_a_wrong_colloquium_gets_a_clear_french_message(colloquium, tmp_path, reference, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_colloquium", reference, output=str(tmp_path / "copie.zip"))
    assert list(tmp_path.iterdir()) == []


def test_a_page_that_is_not_a_colloquium_or_not_published_is_refused(colloquium, tmp_path):
    proceedings = colloquium.get_children().live().last()
    with pytest.raises(CommandError, match="n’est pas un colloque"):
        call_command("export_colloquium", str(proceedings.pk), output=str(tmp_path / "a.zip"))

    draft = EventPageFactory(title="Colloque à venir", slug="colloque-a-venir", live=False)
    with pytest.raises(CommandError, match="« Colloque à venir » n’est pas publié"):
        call_command("export_colloquium", str(draft.pk), output=str(tmp_path / "b.zip"))
    assert list(tmp_path.iterdir()) == []


# --- The admin's button --------------------------------------------------------------------


def test_an_editor_downloads_the_zip_from_the_colloquium_page(colloquium, client, editor, tmp_path):
    client.force_login(editor)
    url = f"/admin/colloques/{colloquium.pk}/copie-autonome/"

    # The button is in the "…" menu of the colloquium, beside "Préparer l'édition suivante".
    edit_page = client.get(f"/admin/pages/{colloquium.pk}/edit/").content.decode()
    assert url in edit_page and "Exporter une copie autonome" in edit_page

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert re.fullmatch(
        r'attachment; filename="colloque-lyon-copie-\d{4}-\d{2}-\d{2}\.zip"',
        response["Content-Disposition"],
    )
    target = tmp_path / "telecharge.zip"
    target.write_bytes(b"".join(response.streaming_content))
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert "index.html" in names and "traces-du-colloque/ouverture/index.html" in names


def test_anonymous_visitors_and_users_who_cannot_edit_get_no_zip(
    colloquium, client, django_user_model
):
    url = f"/admin/colloques/{colloquium.pk}/copie-autonome/"

    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    # An admin account with no right on the colloquium's pages.
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user(username="lecteur", password="x")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    response = client.get(url, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Désolé, vous n" in unescape(response.content.decode())


def test_an_unpublished_colloquium_has_no_button_and_a_message_instead_of_a_zip(client, editor):
    draft = EventPageFactory(title="Colloque à venir", slug="colloque-a-venir", live=False)
    client.force_login(editor)

    assert "copie-autonome" not in client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    response = client.get(f"/admin/colloques/{draft.pk}/copie-autonome/", follow=True)
    assert "« Colloque à venir » n’est pas publié" in response.content.decode()


def test_the_command_names_the_output_folder_it_cannot_find(colloquium, tmp_path):
    with pytest.raises(CommandError, match="n’existe pas"):
        call_command(
            "export_colloquium", str(colloquium.pk), output=str(tmp_path / "absent" / "a.zip")
        )
