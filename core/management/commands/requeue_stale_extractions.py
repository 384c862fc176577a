"""Queue again what a killed worker left, and documents nothing will read."""

from django.core.management.base import BaseCommand

from core.worker import recover


class Command(BaseCommand):
    help = (
        "Queue again the tasks whose worker was killed, and the text extraction of "
        "documents still waiting with nothing queued. db_worker does it on its own."
    )

    def handle(self, *args, **options):
        tasks, documents = recover()
        self.stdout.write(
            f"Tâches relancées : {tasks}. Documents en attente remis dans la file : {documents}."
        )
