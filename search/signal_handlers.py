"""Keep the search entries true to what is published (``search/entries.py``).

``page_published`` is sent once the page and its inline children (programme,
talks) are saved: its entries are refreshed then. A saved document or talk
refreshes its document's entry. A page being deleted gets no entry (see
``search/entries.py``): Wagtail sends ``page_unpublished`` from its
``pre_delete`` without saving the page, so the row still says live.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from search import entries


def _being_deleted(page):
    """Unpublished but not saved: Wagtail's ``pre_delete`` unpublishing a page it deletes."""
    if page.pk in entries.pages_being_deleted():
        return True
    return not page.live and Page.objects.filter(pk=page.pk, live=True).exists()


def refresh_published_page(sender, instance, **kwargs):
    if _being_deleted(instance):
        entries.page_deletion_started(instance)
        return
    entries.refresh_page(instance)


def page_deletion_started(sender, instance, **kwargs):
    """Every page of a deleted subtree (pre_delete is sent for each before any is deleted)."""
    if isinstance(instance, Page):
        entries.page_deletion_started(instance)


def page_deletion_ended(sender, instance, **kwargs):
    entries.page_deletion_ended(instance)


def refresh_document(sender, instance, raw=False, **kwargs):
    """A saved document (new title, new text): its entry follows."""
    if not raw:
        entries.refresh_documents([instance.pk])


def refresh_talk_document(sender, instance, raw=False, **kwargs):
    """A talk saved or removed: its document's title, speakers and colloquium change."""
    if not raw and instance.document_id:
        entries.refresh_documents([instance.document_id])


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
    # Any page type (a specific page's pre_delete is sent for its own model
    # too); the ``wagtailcore_page`` row is the last one deleted.
    pre_delete.connect(page_deletion_started, dispatch_uid="search_page_deletion_started")
    post_delete.connect(page_deletion_ended, sender=Page, dispatch_uid="search_page_deletion_ended")
    page_published.connect(refresh_published_page, dispatch_uid="search_refresh_published")
    page_unpublished.connect(refresh_published_page, dispatch_uid="search_refresh_unpublished")
