"""manage.py update_document_search: rebuild every document's public search entry."""

import time

from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the public search's entry of every document and the speakers of every page"
        " (run after update_index)."
    )

    def handle(self, *args, **options):
        start = time.perf_counter()
        count = rebuild()
        self.stdout.write(
            f"{count} documents: entries, text vectors and pages' speakers rebuilt"
            f" in {time.perf_counter() - start:.1f} s"
        )
