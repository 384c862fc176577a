"""The second step of the admin login, enrolment, recovery codes, and a superuser's reset."""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.twofactor import devices
from core.twofactor.forms import CodeForm, EnrolForm
from core.twofactor.policy import ENROL, VERIFY, pending_step, two_factor_required
from core.twofactor.qr import qr_svg

logger = logging.getLogger(__name__)

# The recovery codes of a new set, kept in the session until they are shown once.
NEW_CODES_SESSION_KEY = "twofactor_new_codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _signed_in_with(request, device):
    # A new session key for the now fully signed-in session.
    request.session.cycle_key()
    otp_login(request, device)


class VerifyView(View):
    """Asks a signed-in user with a device for a code before anything else."""

    template_name = "core/twofactor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        step = pending_step(request.user)
        if step == ENROL:
            return redirect("twofactor_enrol")
        if step != VERIFY:
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, form):
        context = {"form": form, "next": _next_url(self.request)}
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request):
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            result = devices.verify_code(request.user, form.cleaned_data["code"])
            if result:
                _signed_in_with(request, result.device)
                if isinstance(result.device, StaticDevice):
                    left = devices.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _(
                            "Code de secours utilisé : il vous en reste %(count)d. "
                            "Générez-en de nouveaux depuis « Double authentification »."
                        )
                        % {"count": left},
                    )
                return redirect(_next_url(request))
            logger.warning("Wrong second-factor code for user %s", request.user.pk)
            form.add_error(None, result.error)
        return self.render(form)


class EnrolView(View):
    """Sets up an authenticator app: scan or type the secret, then confirm a code."""

    template_name = "core/twofactor/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        # With a device already, only a verified session may replace it:
        # otherwise enrolling a new app would skip the code.
        if pending_step(request.user) == VERIFY:
            return redirect("twofactor_verify")
        return super().dispatch(request, *args, **kwargs)

    def render(self, form):
        user = self.request.user
        device = devices.pending_app_device(user)
        context = {
            "form": form,
            "device": device,
            "secret": devices.secret_for_display(device),
            "qr_code": qr_svg(device.config_url, _("Code QR à scanner avec l'application")),
            "next": _next_url(self.request),
            "required": two_factor_required(user),
            "replacing": devices.app_device(user) is not None,
        }
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request):
        return self.render(EnrolForm())

    def post(self, request):
        form = EnrolForm(request.POST)
        if form.is_valid():
            device = devices.pending_app_device(request.user)
            result = devices.confirm_app_device(request.user, device.pk, form.cleaned_data["code"])
            if result:
                _signed_in_with(request, result.device)
                request.session[NEW_CODES_SESSION_KEY] = devices.new_recovery_codes(request.user)
                logger.info("User %s enrolled an authenticator app", request.user.pk)
                messages.success(request, _("La double authentification est activée."))
                return redirect("twofactor_manage")
            form.add_error(None, result.error)
        return self.render(form)


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    """The account's page about its second factor; shows a new set of recovery codes once."""

    template_name = "core/twofactor/manage.html"
    page_title = gettext_lazy("Double authentification")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Compte")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            app_device=devices.app_device(user),
            codes_left=devices.recovery_codes_left(user),
            new_codes=self.request.session.pop(NEW_CODES_SESSION_KEY, None),
            required=two_factor_required(user),
        )
        return context


class RecoveryCodesView(View):
    """Replaces the recovery codes with a new set (POST), shown once on the account page."""

    def post(self, request):
        if not user_has_device(request.user):
            return redirect("twofactor_enrol")
        request.session[NEW_CODES_SESSION_KEY] = devices.new_recovery_codes(request.user)
        messages.success(
            request, _("Nouveaux codes de secours créés : les anciens ne fonctionnent plus.")
        )
        return redirect("twofactor_manage")


class DisableView(View):
    """Turns the second factor off, for an account the policy does not require it of."""

    def post(self, request):
        if two_factor_required(request.user):
            messages.error(
                request, _("La double authentification est obligatoire pour votre compte.")
            )
        else:
            devices.remove_devices(request.user)
            logger.info("User %s turned two-factor authentication off", request.user.pk)
            messages.success(request, _("La double authentification est désactivée."))
        return redirect("twofactor_manage")


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A superuser removes someone's devices (a lost phone, used-up codes).

    The account then signs in with its password alone, and is sent to enrolment
    at once if the policy requires a second factor of it.
    """

    template_name = "core/twofactor/reset_confirm.html"
    page_title = gettext_lazy("Réinitialiser la double authentification")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.target.get_username()

    def get_header_title(self):
        # French puts a space before the colon.
        return f"{self.get_page_title()} : {self.get_page_subtitle()}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Utilisateurs")},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["target"] = self.target
        context["has_device"] = user_has_device(self.target, confirmed=None)
        return context

    def post(self, request, *args, **kwargs):
        removed = devices.reset_devices(self.target, by=request.user)
        logger.warning(
            "Superuser %s reset two-factor authentication of user %s (%d device(s))",
            request.user.pk,
            self.target.pk,
            removed,
        )
        messages.success(
            request,
            _("Double authentification réinitialisée pour « %(username)s ».")
            % {"username": self.target.get_username()},
        )
        return redirect("wagtailusers_users:index")
