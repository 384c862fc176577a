"""Admin registration of the data editors reuse from one colloquium to the next."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.models import Partner, Person, Venue
from events.registration.viewsets import registration_viewset


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux")
    list_display = ["name", "city", "postal_code"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personnes")
    list_display = ["name", "affiliation"]
    ordering = ["name"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
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


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset
