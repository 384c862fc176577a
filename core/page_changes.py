"""``pages_changed`` for what core owns: documents, images and the site's settings.

A document's format, size and page count are printed next to each link to it, and an
image's renditions are shown where it is chosen: replacing the file changes those pages
without anyone publishing them. The footer (site settings) is on every page.
"""

from django.db.models.signals import post_save, pre_delete

from core.frontcache import live_site_pages, pages_referencing
from core.signals import pages_changed

# Saves that only record what the text extraction found: nothing a page shows.
EXTRACTION_FIELDS = {"extraction_status", "extraction_truncated", "search_text"}


def on_file_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= EXTRACTION_FIELDS):
        return
    pages_changed.send(sender=sender, pages=pages_referencing(instance))


def on_file_deleted(sender, instance, **kwargs):
    # Before the delete: the reference index still knows who shows it.
    pages_changed.send(sender=sender, pages=pages_referencing(instance))


def on_site_settings_saved(sender, instance, created=False, raw=False, **kwargs):
    # Created with their defaults the first time a page reads them: nothing changes.
    if not raw and not created:
        pages_changed.send(sender=sender, pages=list(live_site_pages()))


def connect():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from core.models import SiteSettings

    for model in (get_document_model(), get_image_model()):
        label = model._meta.label_lower
        post_save.connect(on_file_saved, sender=model, dispatch_uid=f"core.page_changes.{label}")
        pre_delete.connect(
            on_file_deleted, sender=model, dispatch_uid=f"core.page_changes.{label}.delete"
        )
    post_save.connect(
        on_site_settings_saved, sender=SiteSettings, dispatch_uid="core.page_changes.settings"
    )
