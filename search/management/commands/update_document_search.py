"""manage.py update_document_search: rebuild every document's public search entry."""

import time

from django.core.management.base import BaseCommand

from search.documents import refresh_bodies, refresh_entries, refresh_pages


class Command(BaseCommand):
    help = (
        "Rebuild the public search's entry of every document and the speakers of every page"
        " (run after update_index)."
    )

    def handle(self, *args, **options):
        start = time.perf_counter()
        count = refresh_entries()
        middle = time.perf_counter()
        refresh_bodies()
        refresh_pages()
        end = time.perf_counter()
        self.stdout.write(
            f"{count} documents: entries {middle - start:.1f} s,"
            f" text vectors and pages' speakers {end - middle:.1f} s"
        )
