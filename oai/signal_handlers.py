"""Keep the harvestable records current (``oai/harvest.py``).

Every change that can alter a talk's record asks for the records of the
proceedings it touches to be compared again, once the transaction has committed:
a datestamp written before the commit could be older than a harvest that did not
yet see the change, and that harvester would never ask for it again.

- a proceedings or colloquium published; a page unpublished, moved or renamed
  (the proceedings at or below it); proceedings deleted;
- a view restriction added or removed (the proceedings at or below its page);
- a person (speaker names), venue (the colloquium's city) or document (format,
  address) saved or deleted: the proceedings whose talks show it;
- the site settings (publisher) or the Site (every address): every record.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from oai import harvest

EVERYTHING = None


def sync_after_commit(proceedings_ids):
    """Compare those proceedings' records again (all of them for ``EVERYTHING``) once
    the current transaction commits."""
    if proceedings_ids is EVERYTHING:
        transaction.on_commit(harvest.sync)
    elif proceedings_ids:
        ids = sorted(set(proceedings_ids))
        transaction.on_commit(lambda: harvest.sync(ids))


def on_page_published(sender, instance, **kwargs):
    from events.models import EventPage
    from publications.models import ProceedingsPage

    # What other pages show of themselves (a home page's text) is not in a record.
    if isinstance(instance, ProceedingsPage | EventPage):
        sync_after_commit(harvest.proceedings_under(instance))


def on_subtree_changed(sender, instance, **kwargs):
    """Unpublished, moved or renamed: every proceedings below changes with it."""
    sync_after_commit(harvest.proceedings_under(instance))


def on_proceedings_deleted(sender, instance, **kwargs):
    sync_after_commit([instance.pk])


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_after_commit(harvest.proceedings_under(page))


def talks_of(**lookup):
    from publications.models import Contribution

    return list(Contribution.objects.filter(**lookup).values_list("page_id", flat=True))


def on_person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_after_commit(talks_of(speakers=instance))


def on_document_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_after_commit(talks_of(document=instance))


def on_venue_changed(sender, instance, raw=False, **kwargs):
    from events.models import EventPage
    from publications.models import ProceedingsPage

    if raw:
        return
    ids = []
    for event in EventPage.objects.filter(venue=instance):
        ids += ProceedingsPage.objects.child_of(event).values_list("pk", flat=True)
    sync_after_commit(ids)


def on_site_changed(sender, raw=False, **kwargs):
    if not raw:
        sync_after_commit(EVERYTHING)


def connect():
    from wagtail.documents import get_document_model

    from core.models import SiteSettings
    from events.models import Person, Venue
    from publications.models import ProceedingsPage

    uid = "oai."
    page_published.connect(on_page_published, dispatch_uid=uid + "published")
    for name, signal in (
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
        ("slug", page_slug_changed),
    ):
        signal.connect(on_subtree_changed, dispatch_uid=uid + name)
    post_delete.connect(
        on_proceedings_deleted, sender=ProceedingsPage, dispatch_uid=uid + "deleted"
    )
    for name, handler, model in (
        ("restriction", on_restriction_changed, PageViewRestriction),
        ("person", on_person_changed, Person),
        ("venue", on_venue_changed, Venue),
        ("document", on_document_changed, get_document_model()),
        ("settings", on_site_changed, SiteSettings),
        ("site", on_site_changed, Site),
    ):
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}{name}.saved")
        # Before the row goes: what it was linked to is still there to be found.
        pre_delete.connect(handler, sender=model, dispatch_uid=f"{uid}{name}.deleted")
