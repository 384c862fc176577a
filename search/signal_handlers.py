"""Keep the search index true to what is published.

Wagtail indexes a page from its post_save signal, which fires before the
page's inline children (programme, contributions) are written: a published
page is indexed again once they are. Documents carry their talk, speakers and
event in the index, so the documents of a published page are re-indexed too,
and their public search entries (search/documents.py) refreshed.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
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
        from search.documents import documents_of_page, refresh, refresh_pages

        index.insert_or_update_object(page)
        _reindex_documents_of(page)
        refresh(documents_of_page(page))
        refresh_pages([page.pk])

    transaction.on_commit(reindex)


def refresh_document_entry(sender, instance, raw=False, **kwargs):
    """A saved document (new title, new text): its public search entry follows."""
    if raw:
        return
    from search.documents import refresh

    refresh([instance.pk])


def refresh_talk_document(sender, instance, raw=False, **kwargs):
    """A talk saved or removed: its document's title, speakers and event change."""
    if raw or not instance.document_id:
        return
    from search.documents import refresh_entries

    refresh_entries([instance.document_id])


def register_signal_handlers():
    from wagtail.documents import get_document_model

    from publications.models import Contribution

    for signal in (post_save, post_delete):
        signal.connect(
            refresh_talk_document,
            sender=Contribution,
            dispatch_uid=f"search_refresh_talk_document_{signal is post_save}",
        )

    post_save.connect(
        refresh_document_entry,
        sender=get_document_model(),
        dispatch_uid="search_refresh_document_entry",
    )
    page_published.connect(reindex_published_page, dispatch_uid="search_reindex_published")
    page_unpublished.connect(reindex_published_page, dispatch_uid="search_reindex_unpublished")
