"""Admin registration of the data editors reuse from one colloquium to the next."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.dashboard import ColloquiaPanel
from events.models import EventPage, Partner, Person, Venue
from events.views import can_prepare_next_edition, prepare_next_edition_view

# The choosers opened from an event's edit form have a "create" tab, so that a
# missing venue, person or partner is added without leaving the page. Only the
# fields needed to tell it apart are asked for; the rest waits for the snippet's
# own edit form.


class VenueChooserViewSet(SnippetChooserViewSet):
    form_fields = ["name", "street_address", "postal_code", "city"]
    creation_tab_label = _("Nouveau lieu")
    create_action_label = _("Créer ce lieu")


class PersonChooserViewSet(SnippetChooserViewSet):
    form_fields = ["name", "affiliation"]
    creation_tab_label = _("Nouvelle personne")
    create_action_label = _("Créer cette personne")


class PartnerChooserViewSet(SnippetChooserViewSet):
    form_fields = ["name", "website"]
    creation_tab_label = _("Nouveau partenaire")
    create_action_label = _("Créer ce partenaire")


class VenueViewSet(SnippetViewSet):
    model = Venue
    chooser_viewset_class = VenueChooserViewSet
    icon = "site"
    menu_label = _("Lieux")
    list_display = ["name", "city", "postal_code"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    chooser_viewset_class = PersonChooserViewSet
    icon = "user"
    menu_label = _("Personnes")
    list_display = ["name", "affiliation"]
    ordering = ["name"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    chooser_viewset_class = PartnerChooserViewSet
    icon = "group"
    menu_label = _("Partenaires")
    list_display = ["name", "website"]
    ordering = ["name"]


class ColloquiumSnippetsGroup(SnippetViewSetGroup):
    """One "Colloques" menu gathering the places, people and partners of every edition."""

    menu_label = _("Colloques")
    menu_icon = "date"
    menu_order = 200
    items = (VenueViewSet, PersonViewSet, PartnerViewSet)


register_snippet(ColloquiumSnippetsGroup)


@hooks.register("register_admin_urls")
def register_next_edition_url():
    return [
        path(
            "colloques/<int:page_id>/edition-suivante/",
            prepare_next_edition_view,
            name="events_prepare_next_edition",
        )
    ]


def _next_edition_button(page, user, priority):
    if issubclass(page.specific_class or object, EventPage) and can_prepare_next_edition(
        page, user
    ):
        yield Button(
            _("Préparer l'édition suivante"),
            reverse("events_prepare_next_edition", args=[page.pk]),
            icon_name="copy",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def next_edition_header_button(page, user, view_name, next_url=None):
    yield from _next_edition_button(page, user, priority=35)


@hooks.register("register_page_listing_more_buttons")
def next_edition_listing_button(page, user, next_url=None):
    yield from _next_edition_button(page, user, priority=25)


@hooks.register("construct_homepage_panels")
def add_colloquia_panel(request, panels):
    panels.append(ColloquiaPanel())


@hooks.register("register_log_actions")
def register_next_edition_log_action(actions):
    from wagtail.log_actions import LogFormatter

    from events.next_edition import LOG_ACTION

    @actions.register_action(LOG_ACTION)
    class NextEditionFormatter(LogFormatter):
        label = _("Préparer l'édition suivante")

        def format_message(self, log_entry):
            return _("Préparé comme édition suivante de « %(title)s »") % {
                "title": log_entry.data.get("source_title", "")
            }
