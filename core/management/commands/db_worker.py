"""django-tasks-db's worker, which also recovers tasks a killed worker left behind.

Same command line and options as django-tasks-db's ``db_worker`` (this app comes
first in INSTALLED_APPS, so this command is the one run). Before taking its first
task, and then every ``ANDELIS_WORKER_RECOVERY_SECONDS`` from a thread of its own,
it runs ``core.worker.recover()``: see that module and docs/operations.md.
"""

import logging
import threading

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.worker import recover

logger = logging.getLogger("core.worker")


def recover_once():
    try:
        recover()
    except Exception:  # the next round tries again; the worker must keep running
        logger.exception("Recovering interrupted tasks failed")
    finally:
        connection.close()


def recover_periodically(interval, stop):
    while not stop.wait(interval):
        recover_once()


class Command(DatabaseWorkerCommand):
    help = (
        "Run the database task worker (django-tasks-db), queueing again the tasks of "
        "workers that were killed."
    )

    def handle(self, *args, **options):
        recover_once()
        interval = settings.ANDELIS_WORKER_RECOVERY_SECONDS
        if interval > 0:
            stop = threading.Event()
            threading.Thread(
                target=recover_periodically,
                args=(interval, stop),
                name="andelis-task-recovery",
                daemon=True,
            ).start()
        return super().handle(*args, **options)
