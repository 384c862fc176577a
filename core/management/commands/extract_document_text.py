"""Read the text of every document again, for the site search."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from core.extraction import store_extraction


class Command(BaseCommand):
    help = "Extract the text of every document again (or of the given ids) for the search."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these document ids")
        parser.add_argument(
            "--pending", action="store_true", help="Only documents still waiting for extraction"
        )

    def handle(self, *args, ids=(), pending=False, **options):
        documents = get_document_model().objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        if pending:
            documents = documents.filter(extraction_status=documents.model.ExtractionStatus.PENDING)
        counts = {}
        for document in documents.iterator():
            status = store_extraction(document).status
            counts[status] = counts.get(status, 0) + 1
        labels = dict(get_document_model().ExtractionStatus.choices)
        for status, count in sorted(counts.items()):
            self.stdout.write(f"{labels.get(status, status)}: {count}")
        self.stdout.write(f"{sum(counts.values())} document(s)")
