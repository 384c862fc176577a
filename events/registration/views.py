"""The visitor's side of registration, as sub-pages of the colloquium's page.

``/colloques/<colloque>/inscription/`` holds the form; a registration's own page
and its cancellation live under a signed token that only the registered person
receives (``Registration.token``). Cancelling takes a POST: mail scanners that
open links must not cancel anyone.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from events.registration import services
from events.registration.forms import RegistrationForm
from events.registration.models import Registration

SUBPAGE_TITLES = {
    "form": "Inscription",
    "status": "Votre inscription",
    "cancel": "Annuler l'inscription",
}


class RegistrationRoutesMixin(RoutablePageMixin):
    """Sub-pages of an event page for registering and cancelling."""

    def _registration_response(self, request, template, **context):
        context.update(
            {
                "page": self,
                "self": self,
                "request": request,
                "subpage_title": SUBPAGE_TITLES[template],
                "registration_path": self.registration_path(request),
            }
        )
        registration = context.get("registration")
        if registration is not None:
            base = self.get_url(request)
            context["status_path"] = base + self.reverse_subpage(
                "registration_status", args=[registration.token]
            )
            context["cancel_path"] = base + self.reverse_subpage(
                "registration_cancel", args=[registration.token]
            )
        response = TemplateResponse(request, f"events/registration/{template}.html", context)
        # Personal pages (and the form's CSRF token): never cached, never indexed.
        # The site-wide CSRF middleware protects every POST here.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    def _registration_from_token(self, token):
        pk = Registration.pk_from_token(token)
        registration = (
            Registration.objects.filter(pk=pk, event_id=self.pk)
            .exclude(personal_data_erased_at__isnull=False)
            .first()
            if pk
            else None
        )
        if registration is None:
            raise Http404
        registration.event = self
        return registration

    @path("inscription/", name="registration")
    def registration_form_view(self, request):
        if not self.registration_open:
            raise Http404
        is_open = self.registration_is_open()
        form = None
        if is_open:
            form = RegistrationForm(request.POST if request.method == "POST" else None, event=self)
            if request.method == "POST" and form.is_valid():
                data = form.cleaned_data
                try:
                    registration = services.register(
                        self,
                        name=data["name"],
                        email=data["email"],
                        organisation=data.get("organisation", ""),
                        role=data.get("role", ""),
                        accessibility_needs=data.get("accessibility_needs", ""),
                        request=request,
                    )
                except services.AlreadyRegistered:
                    form.add_error(
                        "email",
                        _(
                            "Cette adresse e-mail est déjà inscrite à ce colloque. Pour annuler "
                            "ou vérifier votre inscription, utilisez le lien reçu par e-mail."
                        ),
                    )
                except services.RegistrationClosed:
                    is_open = False
                else:
                    return redirect(
                        self.get_url(request)
                        + self.reverse_subpage("registration_status", args=[registration.token])
                    )
        return self._registration_response(
            request,
            "form",
            form=form,
            is_open=is_open,
            free_seats=self.registration_free_seats(),
        )

    @path("inscription/<str:token>/", name="registration_status")
    def registration_status_view(self, request, token):
        registration = self._registration_from_token(token)
        return self._registration_response(
            request,
            "status",
            registration=registration,
            waiting_position=services.waiting_position(registration),
        )

    @path("inscription/<str:token>/annuler/", name="registration_cancel")
    def registration_cancel_view(self, request, token):
        registration = self._registration_from_token(token)
        if request.method == "POST" and not registration.is_cancelled:
            services.cancel(registration, request=request)
            return redirect(
                self.get_url(request) + self.reverse_subpage("registration_status", args=[token])
            )
        return self._registration_response(request, "cancel", registration=registration)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.registration_open:
            context["registration_is_open"] = self.registration_is_open()
            # Counted only when the registration box is rendered, not when it comes
            # from the fragment cache (a seat taken sends pages_changed).
            context["registration_free_seats"] = (
                FreeSeats(self) if context["registration_is_open"] else None
            )
            context["registration_subpath"] = self.reverse_subpage("registration")
        return context

    def registration_path(self, request=None):
        return self.get_url(request) + self.reverse_subpage("registration")

    def registration_free_seats(self):
        """Seats left (None: no limit). One query, only while registration is open."""
        if not self.registration_open or self.registration_capacity is None:
            return None
        taken = Registration.objects.filter(event_id=self.pk).confirmed().count()
        return max(self.registration_capacity - taken, 0)


class FreeSeats:
    """The seats left of an event, counted the first time a template asks (templates
    call a callable value), then remembered for the rest of the render."""

    def __init__(self, event):
        self.event = event

    def __call__(self):
        if not hasattr(self, "count"):
            self.count = self.event.registration_free_seats()
        return self.count
