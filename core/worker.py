"""Background tasks that outlive a killed worker (django-tasks-db's ``db_worker``).

django-tasks-db marks a task "running" when a worker claims it and "successful"
or "failed" when it ends. A worker killed in between (SIGKILL, out of memory, a
machine restart) leaves the row "running" for ever, and the document it was
reading "en attente" for ever. Two things prevent that:

- While a worker runs a task, its database session holds a PostgreSQL advisory
  lock named after the task (``task_started`` / ``task_finished`` signals).
  PostgreSQL releases it when the session ends, however the process died.
- ``recover_interrupted_tasks()`` looks at the "running" rows: one whose lock is
  free has lost its worker. It is marked failed (``WorkerLost``) and the same
  task is queued again. ``requeue_pending_documents()`` also queues the text
  extraction of any document still "en attente" with nothing queued for it
  (an upload whose queueing was lost), up to ``MAX_FAILED_ATTEMPTS`` failures.

Our ``manage.py db_worker`` (core/management/commands/db_worker.py) runs both at
startup and every ``ANDELIS_WORKER_RECOVERY_SECONDS``; ``manage.py
requeue_stale_extractions`` runs them once. See docs/operations.md.
"""

import logging
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# A worker takes its lock a moment after claiming the row (two statements); a
# row younger than this is never judged, so a live worker is never mistaken.
CLAIM_GRACE = timedelta(seconds=10)
# A document whose extraction failed (an exception, not a bad file) this many
# times is left for a person: `manage.py extract_document_text ID`.
MAX_FAILED_ATTEMPTS = 3
EXTRACTION_TASK = "core.tasks.extract_document_text"

_held = threading.local()


class WorkerLost(Exception):
    """The worker running this task stopped before the task ended."""


def task_lock_key(task_id):
    """A task's id as a PostgreSQL advisory lock key (signed 64 bits)."""
    return int.from_bytes(uuid.UUID(str(task_id)).bytes[:8], "big", signed=True)


def _is_database_backend(sender):
    """The signals' sender is the backend, as a class or (db_worker) an instance."""
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def _release_held_lock():
    key = getattr(_held, "key", None)
    if key is None:
        return
    _held.key = None
    if connection.connection is not None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def hold_task_lock(sender, task_result, **kwargs):
    """``task_started``: the worker's session holds the task's lock while it runs."""
    if not _is_database_backend(sender) or connection.vendor != "postgresql":
        return
    _release_held_lock()
    key = task_lock_key(task_result.id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    _held.key = key


def release_task_lock(sender, task_result, **kwargs):
    """``task_finished``: the task ended, its lock goes."""
    if _is_database_backend(sender) and connection.vendor == "postgresql":
        _release_held_lock()


def _worker_is_alive(db_task):
    # Advisory locks are re-entrant within a session: this must never run on the
    # session of a worker that holds one (db_worker recovers before its first task,
    # then from a thread with its own connection).
    if connection.vendor != "postgresql":
        # No session locks to ask: only a task running far longer than any
        # extraction is judged lost.
        stale_after = timedelta(seconds=settings.ANDELIS_WORKER_STALE_SECONDS)
        return db_task.started_at > timezone.now() - stale_after
    key = task_lock_key(db_task.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (free,) = cursor.fetchone()
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    return not free


def _uses_database_backend():
    from django_tasks import task_backends

    return _is_database_backend(type(task_backends["default"]))


def recover_interrupted_tasks():
    """Fail and queue again every "running" task whose worker is gone.

    Returns the number of tasks queued again.
    """
    if not _uses_database_backend():
        return 0
    from django_tasks_db.models import DBTaskResult

    candidates = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - CLAIM_GRACE)
    requeued = 0
    for db_task in candidates:
        if _worker_is_alive(db_task):
            continue
        with transaction.atomic():
            # Another worker's recovery may be at the same row: one of them acts.
            row = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=db_task.pk, status=db_task.status)
                .first()
            )
            if row is None:
                continue
            row.set_failed(WorkerLost(f"Worker {row.worker_ids[-1:]} stopped during the task"))
            try:
                task = row.task
            except ImportError:
                logger.warning("Task %s (%s) no longer exists", row.pk, row.task_path)
                continue
            args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
            new = task.enqueue(*args, **kwargs)
        logger.warning("Task %s lost its worker: queued again as %s", row.pk, new.id)
        requeued += 1
    return requeued


def requeue_pending_documents():
    """Queue the extraction of documents "en attente" that nothing will read.

    Returns the number of documents queued.
    """
    if not _uses_database_backend():
        return 0
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from wagtail.documents import get_document_model

    from core.tasks import extract_document_text

    Document = get_document_model()
    tasks = DBTaskResult.objects.filter(task_path=EXTRACTION_TASK)
    waiting = {
        args[0]
        for args in tasks.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values_list("args_kwargs__args", flat=True)
        .iterator()
        if args
    }
    failures = {}
    for args in tasks.failed().values_list("args_kwargs__args", flat=True).iterator():
        if args:
            failures[args[0]] = failures.get(args[0], 0) + 1
    queued = 0
    pending = Document.objects.filter(extraction_status=Document.ExtractionStatus.PENDING)
    for pk in pending.values_list("pk", flat=True).iterator():
        if pk in waiting or failures.get(pk, 0) >= MAX_FAILED_ATTEMPTS:
            continue
        extract_document_text.enqueue(pk)
        queued += 1
    if queued:
        logger.warning("%s document(s) waiting with nothing queued: extraction queued", queued)
    return queued


def recover():
    """Both recoveries; returns (tasks queued again, documents queued)."""
    return recover_interrupted_tasks(), requeue_pending_documents()


def register_signal_handlers():
    from django_tasks.signals import task_finished, task_started

    task_started.connect(hold_task_lock, dispatch_uid="core_hold_task_lock")
    task_finished.connect(release_task_lock, dispatch_uid="core_release_task_lock")
