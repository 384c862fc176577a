"""Admin views of the events section that Wagtail does not provide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import EventPage
from events.next_edition import next_title, prepare_next_edition


def can_prepare_next_edition(event, user):
    """Whoever may edit the event and add a page next to it: editors and moderators."""
    parent = event.get_parent()
    return (
        event.permissions_for_user(user).can_edit()
        and parent.permissions_for_user(user).can_add_subpage()
    )


def prepare_next_edition_view(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not can_prepare_next_edition(event, request.user):
        raise PermissionDenied
    if request.method == "POST":
        copy = prepare_next_edition(event, request.user)
        messages.success(
            request,
            _(
                "Brouillon « %(title)s » créé à partir de « %(source)s ». Indiquez ses dates, "
                "puis relisez le programme et l'argumentaire."
            )
            % {"title": copy.draft_title, "source": event.title},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)
    return TemplateResponse(
        request,
        "events/admin/prepare_next_edition.html",
        {
            "event": event,
            "new_title": next_title(event.title),
            "header_title": _("Préparer l'édition suivante"),
            "page_title": _("Préparer l'édition suivante"),
            "page_subtitle": event.title,
            "header_icon": "copy",
            "cancel_url": reverse("wagtailadmin_pages:edit", args=[event.pk]),
        },
    )
