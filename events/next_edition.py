"""'Préparer l'édition suivante': a colloquium copied as the draft of the next one.

What carries over is what an edition shares with the next: the programme's
structure (its moments, their order, times and speakers), the speakers, the
partners with their roles, the venue, the texts, and the argument essay with
its footnotes. What belongs to one edition only is cleared: the dates (the
page's and each programme moment's day), the status, the poster and the
gallery (that year's files), and visitors' registrations and comments. The
proceedings are not copied: they are the record of the edition that happened.

The copy cannot know the new edition's year: its title and slug get the year
after the source's until the editor enters the dates. Then, as long as the
editor has not changed them, they follow the year of the new start date
(``follow_dates``, called by the page form). The copy remembers its source's
title, slug and year in a log entry of its own ("andelis.next_edition"), so
the page needs no extra column.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from events.models import EventPage, ProgrammeItem

YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
LOG_ACTION = "andelis.next_edition"

# Child relations not carried over: the gallery holds that year's photos.
# Registrations and visitors' comments point at the page with plain foreign
# keys, not ParentalKeys, so Page.copy() never copies them (tested).
NOT_CARRIED_OVER = ["images"]


def _shift_years(text, delta):
    return YEAR.sub(lambda match: str(int(match.group(0)) + delta), text)


def _title_for(source_title, delta):
    if YEAR.search(source_title):
        return _shift_years(source_title, delta)
    return _("%(title)s (édition suivante)") % {"title": source_title}


def _slug_base(source_slug, title, delta):
    base = _shift_years(source_slug, delta) if YEAR.search(source_slug) else slugify(title)
    return base or "colloque"


def next_title(title):
    """ "Colloque 2017" → "Colloque 2018"; without a year, "… (édition suivante)"."""
    return _title_for(title, 1)


def next_slug(event, parent, title):
    """The slug with its year moved on, else one from the new title; free under ``parent``."""
    return _free_slug(_slug_base(event.slug, title, 1), parent)


def _free_slug(base, parent, exclude=None):
    siblings = Page.objects.child_of(parent)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude.pk)
    taken = set(siblings.values_list("slug", flat=True))
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


def edition_year(event):
    """The year of an edition: its start's, else the first year in its title or slug."""
    if event.start:
        return timezone.localtime(event.start).year
    for text in (event.title, event.slug):
        match = YEAR.search(text)
        if match:
            return int(match.group(0))
    return None


def follow_dates(page, title, slug, start):
    """The title and slug ``page`` should get now that its start is ``start``.

    Only for a page made by ``prepare_next_edition``, and only while the title
    (or the slug) is still the one generated for the year the page had until
    now (the year after its source's while it had no date): what the editor
    wrote is never replaced.
    """
    if not start or not page.pk:
        return title, slug
    entry = PageLogEntry.objects.filter(page=page, action=LOG_ACTION).order_by("-pk").first()
    if entry is None:
        return title, slug
    source_title, source_slug = entry.data["source_title"], entry.data["source_slug"]
    source_year = entry.data["source_year"]
    before = (timezone.localtime(page.start).year if page.start else source_year + 1) - source_year
    after = timezone.localtime(start).year - source_year
    if before == after:
        return title, slug
    old_title = _title_for(source_title, before)
    new_title = _title_for(source_title, after)
    old_base = _slug_base(source_slug, old_title, before)
    if slug == old_base or re.fullmatch(re.escape(old_base) + r"-\d+", slug or ""):
        slug = _free_slug(_slug_base(source_slug, new_title, after), page.get_parent(), page)
    if title == old_title:
        title = new_title
    return title, slug


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
    year = edition_year(event)
    if year is not None:
        log(
            instance=copy,
            action=LOG_ACTION,
            user=user,
            data={
                "source_title": event.title,
                "source_slug": event.slug,
                "source_year": year,
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
