"""Keep the search index true to what is published.

Wagtail indexes a page from its post_save signal, which fires before the
page's inline children (programme, contributions) are written: a published
page is indexed again once they are. Documents carry their talk, speakers and
event in the index, so the documents of a published page are re-indexed too.
"""

from django.db import transaction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished


def _reindex_documents_of(page):
    from events.models import EventPage
    from publications.models import Contribution, ProceedingsPage

    documents = []
    if isinstance(page, ProceedingsPage):
        documents = [
            c.document
            for c in Contribution.objects.filter(page=page)
            .exclude(document=None)
            .select_related("document")
        ]
    elif isinstance(page, EventPage) and page.poster_id:
        documents = [page.poster]
    for document in documents:
        index.insert_or_update_object(document)


def reindex_published_page(sender, instance, **kwargs):
    page = instance.specific

    def reindex():
        index.insert_or_update_object(page)
        _reindex_documents_of(page)

    transaction.on_commit(reindex)


def register_signal_handlers():
    page_published.connect(reindex_published_page, dispatch_uid="search_reindex_published")
    page_unpublished.connect(reindex_published_page, dispatch_uid="search_reindex_unpublished")
