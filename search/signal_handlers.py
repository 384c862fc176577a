"""Keep the search entries true to what is published (``search/entries.py``).

``page_published`` is sent once the page and its inline children (programme,
talks) are saved: its entries are refreshed then. A saved document or talk
refreshes its document's entry.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished


def refresh_published_page(sender, instance, **kwargs):
    from search.entries import refresh_page

    refresh_page(instance)


def refresh_document(sender, instance, raw=False, **kwargs):
    """A saved document (new title, new text): its entry follows."""
    if raw:
        return
    from search.entries import refresh_documents

    refresh_documents([instance.pk])


def refresh_talk_document(sender, instance, raw=False, **kwargs):
    """A talk saved or removed: its document's title, speakers and colloquium change."""
    if raw or not instance.document_id:
        return
    from search.entries import refresh_documents

    refresh_documents([instance.document_id])


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
        refresh_document, sender=get_document_model(), dispatch_uid="search_refresh_document"
    )
    page_published.connect(refresh_published_page, dispatch_uid="search_refresh_published")
    page_unpublished.connect(refresh_published_page, dispatch_uid="search_refresh_unpublished")
