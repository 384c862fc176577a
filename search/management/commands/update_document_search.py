"""manage.py update_document_search: rebuild every document's public search entry."""

import time

from django.core.management.base import BaseCommand

from search.documents import refresh_bodies, refresh_entries


class Command(BaseCommand):
    help = "Rebuild the public search's entry of every document (run after update_index)."

    def handle(self, *args, **options):
        start = time.perf_counter()
        count = refresh_entries()
        middle = time.perf_counter()
        refresh_bodies()
        end = time.perf_counter()
        self.stdout.write(
            f"{count} documents: entries {middle - start:.1f} s, text vectors {end - middle:.1f} s"
        )
