"""``pages_changed`` for what the publications app shows of other things.

The publications index lists every argument essay and proceedings under its colloquium's
title and date; proceedings print each talk's speakers. The index is not an ancestor of
those pages, so core's rule (ancestors and descendants) does not reach it.
"""

from django.db.models.signals import post_save, pre_delete
from django.urls import reverse
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.frontcache import purge_paths
from core.signals import pages_changed


def on_listed_page_changed(sender, instance, **kwargs):
    from publications.models import ArgumentPage, ProceedingsPage, PublicationIndexPage

    pages_changed.send(sender=sender, pages=list(PublicationIndexPage.objects.live()))
    if issubclass(sender, (ArgumentPage, ProceedingsPage)):
        purge_paths([reverse("publications_feed")])


def on_person_changed(sender, instance, raw=False, **kwargs):
    from publications.models import ProceedingsPage

    if raw:
        return
    pages = list(ProceedingsPage.objects.live().filter(contributions__speakers=instance).distinct())
    if pages:
        pages_changed.send(sender=sender, pages=pages)


def connect():
    from events.models import EventPage, Person
    from publications.models import ArgumentPage, ProceedingsPage

    for model in (EventPage, ArgumentPage, ProceedingsPage):
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
        ):
            signal.connect(
                on_listed_page_changed,
                sender=model,
                dispatch_uid=f"publications.index.{model._meta.model_name}.{name}",
            )
    post_save.connect(on_person_changed, sender=Person, dispatch_uid="publications.person.saved")
    pre_delete.connect(on_person_changed, sender=Person, dispatch_uid="publications.person.deleted")
