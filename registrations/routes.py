"""The visitor's side of registration, as sub-pages of the colloquium's page.

``/colloques/<colloque>/inscription/`` holds the form, the same for every visitor
(the front cache serves it); it posts to ``/inscriptions/<page id>/``
(``registrations.views.post_registration``), with the protections of
``core/forms_protection.py``. A registration's own page and its cancellation live
under a signed token that only the registered person receives
(``Registration.token``): personal, never cached, and cancelling takes a POST
with Django's CSRF token (mail scanners that open links must not cancel anyone).
"""

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import forms_protection
from registrations import services
from registrations.forms import RegistrationForm
from registrations.models import Registration

SUBPAGE_TITLES = {
    "form": "Inscription",
    "status": "Votre inscription",
    "cancel": "Annuler l'inscription",
}


class RegistrationRoutesMixin(RoutablePageMixin):
    """Sub-pages of an event page for registering and cancelling."""

    def _registration_response(self, request, template, status=200, personal=True, **context):
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
        response = TemplateResponse(
            request, f"events/registration/{template}.html", context, status=status
        )
        if personal:
            # A registration's own pages, and answers to a post: never cached.
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
        """The form, the same for every visitor: the front cache may keep it."""
        if not self.registration_open:
            raise Http404
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        is_open = self.registration_is_open()
        return self._registration_response(
            request,
            "form",
            personal=False,
            form=RegistrationForm(event=self) if is_open else None,
            is_open=is_open,
            free_seats=self.registration_free_seats(),
        )

    def _refused(self, request, form, status):
        """The form again, for this visitor only: what was typed, the errors, a fresh token."""
        form.restart()
        response = self._registration_response(
            request,
            "form",
            status=status,
            form=form,
            is_open=True,
            free_seats=self.registration_free_seats(),
        )
        if status in (429, 503):
            response["Retry-After"] = str(forms_protection.RETRY_AFTER_SECONDS)
        return forms_protection.no_store(response)

    def register_from_post(self, request):
        """Check and store a visitor's registration (``post_registration``)."""
        if not self.registration_is_open():
            return self._registration_response(
                request, "form", form=None, is_open=False, free_seats=None
            )
        form = RegistrationForm(request.POST, event=self)
        try:
            limited = forms_protection.rate_limited(
                request, "registration", settings.REGISTRATION_RATE_LIMIT
            )
        except forms_protection.Unavailable:
            form.is_valid()
            form.refuse("unavailable")
            return self._refused(request, form, status=503)
        if limited:
            form.is_valid()
            form.refuse("rate_limited")
            return self._refused(request, form, status=429)
        if not form.is_valid():
            return self._refused(request, form, status=400)
        try:
            if not form.consume():
                return self._refused(request, form, status=400)
        except forms_protection.Unavailable:
            form.refuse("unavailable")
            return self._refused(request, form, status=503)
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
            return self._refused(request, form, status=400)
        except services.RegistrationClosed:
            return self._registration_response(
                request, "form", form=None, is_open=False, free_seats=None
            )
        # The person's own page (personal, never cached): status, waiting position, link.
        return redirect(
            self.get_url(request)
            + self.reverse_subpage("registration_status", args=[registration.token])
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
