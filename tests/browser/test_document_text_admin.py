"""An editor uploads PDFs in the admin and sees, on each document, what the search could read."""

import pytest
from django.contrib.auth import get_user_model

from core.models import ColloquiumDocument
from tests.pdfs import encrypted_pdf, pages_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaction", "r@example.org", "mot-de-passe")


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "mot-de-passe")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


@pytest.mark.parametrize(
    ("name", "content", "status"),
    [
        ("lisible", pages_pdf("Accueil.", "Les hétérotopies sociales."), "texte extrait"),
        (
            "protege",
            encrypted_pdf(),
            "texte non extrait : fichier protégé par un mot de passe",
        ),
    ],
)
def test_uploaded_pdf_shows_its_text_status_and_page_count(
    editor, live_server, page, artifacts, name, content, status
):
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/documents/add/")
    page.fill("#id_title", f"Intervention {name}")
    page.set_input_files(
        "#id_file",
        files=[{"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": content}],
    )
    page.click("main form button.button-longrunning[type=submit]")
    page.wait_for_url("**/admin/documents/**")

    document = ColloquiumDocument.objects.get(title=f"Intervention {name}")
    page.goto(live_server.url + f"/admin/documents/edit/{document.pk}/")
    page.screenshot(path=artifacts("screens", f"admin-document-{name}.png"), full_page=True)

    stats = page.locator("dl.andelis-document-text").inner_text()
    assert status in stats
    assert "Nombre de pages" in stats
