"""The "Exporter une copie autonome" button of a colloquium, beside "Préparer l'édition
suivante": in the "…" menu of its page header and of its row in the page listing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from archive.views import can_export, export_colloquium_view
from events.models import EventPage


@hooks.register("register_admin_urls")
def register_export_url():
    return [
        path(
            "colloques/<int:page_id>/copie-autonome/",
            export_colloquium_view,
            name="archive_export_colloquium",
        )
    ]


def _export_button(page, user, priority):
    # Only a published colloquium can be copied: the copy shows what visitors see.
    if (
        issubclass(page.specific_class or object, EventPage)
        and page.live
        and can_export(page, user)
    ):
        yield Button(
            _("Exporter une copie autonome"),
            reverse("archive_export_colloquium", args=[page.pk]),
            icon_name="download",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def export_header_button(page, user, view_name, next_url=None):
    yield from _export_button(page, user, priority=36)


@hooks.register("register_page_listing_more_buttons")
def export_listing_button(page, user, next_url=None):
    yield from _export_button(page, user, priority=26)
