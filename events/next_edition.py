"""'Préparer l'édition suivante': a colloquium copied as the draft of the next one.

What carries over is what an edition shares with the next: the programme's
structure (its moments, their order, times and speakers), the speakers, the
partners with their roles, the venue, the texts, and the argument essay with
its footnotes. What belongs to one edition only is cleared: the dates (the
page's and each programme moment's day), the status, the poster and the
gallery (that year's files), and visitors' registrations and comments. The
proceedings are not copied: they are the record of the edition that happened.
"""

import re

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from events.models import EventPage, ProgrammeItem

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

# Child relations not carried over: the gallery holds that year's photos.
# Registrations and visitors' comments point at the page with plain foreign
# keys, not ParentalKeys, so Page.copy() never copies them (tested).
NOT_CARRIED_OVER = ["images"]


def _next_year(text):
    return YEAR.sub(lambda match: str(int(match.group(0)) + 1), text)


def next_title(title):
    """ "Colloque 2017" → "Colloque 2018"; without a year, "… (édition suivante)"."""
    if YEAR.search(title):
        return _next_year(title)
    return _("%(title)s (édition suivante)") % {"title": title}


def next_slug(event, parent, title):
    """The slug with its year moved on, else one from the new title; free under ``parent``."""
    base = _next_year(event.slug) if YEAR.search(event.slug) else slugify(title)
    base = base or "colloque"
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _clear_edition_details(page, page_copy, child_relation, child_object):
    # The day of a programme moment belongs to last year's calendar; its
    # times, order, title and speakers are the structure that carries over.
    if isinstance(child_object, ProgrammeItem):
        child_object.day = None


@transaction.atomic
def prepare_next_edition(event, user):
    """Copy ``event`` as a draft next to it and return the copy."""
    event = event.specific
    parent = event.get_parent()
    title = next_title(event.title)
    copy = event.copy(
        to=parent,
        recursive=False,
        keep_live=False,
        copy_revisions=False,
        user=user,
        exclude_fields=NOT_CARRIED_OVER,
        process_child_object=_clear_edition_details,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": next_slug(event, parent, title),
            "start": None,
            "end": None,
            "status": EventPage.Status.SCHEDULED,
            "poster": None,
            # Registration opens again when the editor decides, with a new
            # closing date; last year's registrants are not copied at all.
            "registration_open": False,
            "registration_closes_at": None,
        },
    )
    # Published or not: an essay being written for this year is still the base of the
    # next. The child page types say which of them carry over (publications.ArgumentPage).
    carried = next(
        (
            child
            for child in event.get_children().order_by("path")
            if getattr(child.specific_class, "copied_to_next_edition", False)
        ),
        None,
    )
    if carried is not None:
        carried.specific.copy(
            to=copy,
            recursive=False,
            keep_live=False,
            copy_revisions=False,
            user=user,
        )
    return copy.specific
