"""Uploads return at once; a real ``db_worker`` reads the files, and survives being killed.

Transactional tests: the worker is another process and only sees committed rows.
"""

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection

from core.models import ColloquiumDocument
from core.worker import EXTRACTION_TASK
from tests.ops.processes import DATABASE_BACKEND, Worker, database_url, wait_for
from tests.pdfs import pages_pdf

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("worker"),
]

PENDING = ColloquiumDocument.ExtractionStatus.PENDING


def extraction_tasks():
    """Wagtail queues its own tasks too (search index, references): not these."""
    return DBTaskResult.objects.filter(task_path=EXTRACTION_TASK)


def queue_is_empty():
    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


@pytest.fixture
def queued(settings):
    """The production set-up: tasks go to the database queue."""
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}


@pytest.fixture
def workers(tmp_path):
    started = []

    def start():
        worker = Worker(tmp_path / f"worker-{len(started) + 1}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def waiting_on_a_lock():
    # Asked outside the blocker's transaction: pg_stat_activity is read once per transaction.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def upload(client, title, content):
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(f"{title.lower()}.pdf", content),
            "collection": str(Collection.get_first_root_node().pk),
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ColloquiumDocument.objects.get(title=title)


def status_shown(client, document):
    html = client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    start = html.index("andelis-document-text")
    return html[start : start + 1500]


def extracted(document):
    document.refresh_from_db()
    return document.extraction_status != PENDING and document


def test_an_upload_waits_for_the_worker_and_the_admin_shows_each_status(
    queued, admin_client, workers
):
    document = upload(admin_client, "Synthese", pages_pdf("Les hétérotopies sociales."))

    # The request returned with the file queued, not read.
    assert document.extraction_status == PENDING
    assert document.search_text == ""
    (task,) = extraction_tasks()
    assert (task.status, task.args_kwargs["args"]) == ("READY", [document.pk])
    assert "en attente" in status_shown(admin_client, document)

    worker = workers()
    wait_for(lambda: extracted(document), 30, "the document's text", worker)

    assert document.extraction_status == "extracted"
    assert "hétérotopies" in document.search_text
    assert "texte extrait" in status_shown(admin_client, document)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    # Saving the text queued Wagtail's re-indexing, which the worker runs too.
    wait_for(queue_is_empty, 30, "the search index updated", worker)
    listing = admin_client.get(reverse("wagtaildocs:index"), {"q": "hétérotopies"})
    assert "Synthese" in listing.content.decode()


def test_a_worker_killed_during_an_extraction_leaves_the_document_to_be_retried(
    queued, admin_client, workers
):
    document = upload(admin_client, "Actes", pages_pdf("Le travail social en réseau."))
    (task,) = extraction_tasks()

    # Hold the document's row: the worker reads the file, then waits to store the
    # text, and is killed there, in the middle of the extraction.
    with psycopg.connect(database_url()) as blocker:
        blocker.execute(
            "SELECT 1 FROM core_colloquiumdocument WHERE id = %s FOR UPDATE", [document.pk]
        )
        first = workers()
        wait_for(
            lambda: waiting_on_a_lock(),
            30,
            "the worker waiting to store the text",
            first,
        )
        task.refresh_from_db()
        assert task.status == "RUNNING"
        first.kill()
        blocker.rollback()

    task.refresh_from_db()
    document.refresh_from_db()
    assert task.status == "RUNNING"  # what the killed worker left
    assert document.extraction_status == PENDING

    # The process manager starts a worker again; it finds the task lost and runs it anew.
    second = workers()
    wait_for(lambda: extracted(document), 60, "the document's text after the kill", second)

    assert document.extraction_status == "extracted"
    assert "réseau" in document.search_text
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "core.worker.WorkerLost"
    retry = extraction_tasks().exclude(pk=task.pk).get()
    assert retry.status == "SUCCESSFUL"
    assert retry.args_kwargs["args"] == [document.pk]
    assert "lost its worker" in second.output()


def test_a_running_task_of_a_live_worker_is_left_alone(queued, admin_client, workers):
    document = upload(admin_client, "Programme", pages_pdf("Ouverture du colloque."))
    (task,) = extraction_tasks()
    with psycopg.connect(database_url()) as blocker:
        blocker.execute(
            "SELECT 1 FROM core_colloquiumdocument WHERE id = %s FOR UPDATE", [document.pk]
        )
        worker = workers()
        wait_for(
            lambda: DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").exists(),
            30,
            "the task running",
            worker,
        )
        # Long past the claim's grace: still its worker's.
        DBTaskResult.objects.filter(pk=task.pk).update(
            started_at=task.enqueued_at.replace(year=2000)
        )
        call_command("requeue_stale_extractions")
        assert DBTaskResult.objects.get(pk=task.pk).status == "RUNNING"
        assert extraction_tasks().count() == 1
        blocker.rollback()

    wait_for(lambda: extracted(document), 30, "the document's text", worker)
    assert extraction_tasks().get().status == "SUCCESSFUL"


def test_a_pending_document_with_nothing_queued_is_queued_once(queued, capsys):
    document = ColloquiumDocument.objects.create(
        title="Perdu", file=SimpleUploadedFile("perdu.pdf", pages_pdf("Texte perdu."))
    )
    assert document.extraction_status == PENDING
    assert not extraction_tasks().exists()

    call_command("requeue_stale_extractions")
    call_command("requeue_stale_extractions")

    (task,) = extraction_tasks()
    assert task.args_kwargs["args"] == [document.pk]
    assert "Documents en attente remis dans la file : 1." in capsys.readouterr().out
