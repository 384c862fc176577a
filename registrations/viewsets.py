"""The moderators' view of registrations: list, filter by colloquium and status, CSV export,
and deleting one person's registration.

Access follows Django's model permissions on ``Registration`` (view, change,
delete; "view" is registered because the inspect view is on), so a group can be
given the registrations without the pages, or the other way round.
"""

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import SafeSpreadsheetExportMixin
from registrations import services
from registrations.models import Registration


class RegistrationEditView(EditView):
    def save_instance(self):
        was_cancelled = self.form.initial.get("status") == Registration.Status.CANCELLED
        instance = super().save_instance()
        if instance.is_cancelled and not was_cancelled:
            # A moderator freed a seat: the first person waiting gets it, and an e-mail.
            services.fill_free_seats(instance.event, request=self.request)
        return instance


class RegistrationDeleteView(DeleteView):
    """Delete one person's registration: a question in French, then services.delete_registration."""

    page_title = _("Supprimer l'inscription")
    success_message = _(
        "Inscription supprimée. Si elle occupait une place, la première personne de la "
        "liste d'attente l'a reçue."
    )

    @property
    def confirmation_message(self):
        registration = self.object
        return gettext_now(
            "Supprimer définitivement l'inscription de %(name)s (%(email)s) au colloque "
            "« %(event)s » ? Ses données personnelles seront effacées et ne pourront pas "
            "être récupérées. Si elle occupe une place, la première personne de la liste "
            "d'attente la recevra. La personne ne reçoit pas d'e-mail."
        ) % {
            "name": registration.name,
            "email": registration.email,
            "event": registration.event.title,
        }

    def delete_action(self):
        services.delete_registration(self.object, user=self.request.user, request=self.request)


class RegistrationIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The list, and its CSV export with formula-like cells neutralised (core/exports.py)."""


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Inscriptions")
    menu_order = 210
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    list_display = ["name", "email", "organisation", "event", "status", "created_at"]
    list_filter = ["event", "status"]
    search_fields = ["name", "email", "organisation"]
    ordering = ["-created_at"]
    list_per_page = 50
    list_export = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "accessibility_needs",
        "get_status_display",
        "created_at",
        "consent_given_at",
    ]
    export_headings = {
        "event": _("Colloque"),
        "name": _("Nom"),
        "email": _("E-mail"),
        "organisation": _("Organisme"),
        "role": _("Fonction"),
        "accessibility_needs": _("Besoins d'accessibilité"),
        "get_status_display": _("Statut"),
        "created_at": _("Inscrit le"),
        "consent_given_at": _("Consentement donné le"),
    }
    export_filename = "inscriptions"
    form_fields = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "accessibility_needs",
        "status",
    ]
    inspect_view_fields = [
        "event",
        "name",
        "email",
        "organisation",
        "role",
        "accessibility_needs",
        "status",
        "created_at",
        "consent_given_at",
        "updated_at",
    ]


registration_viewset = RegistrationViewSet("registrations")
