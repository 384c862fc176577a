"""With the production queue, an editor sees "en attente", then what the worker read."""

import pytest
from django.contrib.auth import get_user_model

from core.models import ColloquiumDocument
from tests.ops.processes import DATABASE_BACKEND, Worker, wait_for
from tests.pdfs import pages_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_editor_sees_the_document_wait_for_the_worker_then_its_text_status(
    live_server, page, artifacts, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}
    get_user_model().objects.create_superuser("redaction", "r@example.org", "mot-de-passe")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "mot-de-passe")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(live_server.url + "/admin/documents/add/")
    page.fill("#id_title", "Intervention de Lyon")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "lyon.pdf",
                "mimeType": "application/pdf",
                "buffer": pages_pdf("La démarche d'ingénierie sociale."),
            }
        ],
    )
    page.click("main form button.button-longrunning[type=submit]")
    page.wait_for_url("**/admin/documents/**")
    document = ColloquiumDocument.objects.get(title="Intervention de Lyon")

    page.goto(live_server.url + f"/admin/documents/edit/{document.pk}/")
    page.screenshot(path=artifacts("screens", "admin-document-en-attente.png"), full_page=True)
    assert "en attente" in page.locator("dl.andelis-document-text").inner_text()

    worker = Worker(tmp_path / "worker.log")
    try:
        wait_for(
            lambda: ColloquiumDocument.objects.filter(
                pk=document.pk, extraction_status="extracted"
            ).exists(),
            30,
            "the worker's extraction",
            worker,
        )
    finally:
        worker.stop()

    page.reload()
    page.screenshot(path=artifacts("screens", "admin-document-texte-extrait.png"), full_page=True)
    stats = page.locator("dl.andelis-document-text").inner_text()
    assert "texte extrait" in stats
    assert "en attente" not in stats
