"""Holds a signed-in user at the second step until it is done.

Runs after django-otp's OTPMiddleware, which tells whether this session was
verified with a code. A user who still owes a code (or an enrolment) reaches,
in the admin, only that step, logging out and what those pages need (icons,
translations); elsewhere on the site they are treated as anonymous, so a
password alone opens no private page or document. The login form of private
pages sends them to the step, then back to the page.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from core.twofactor.policy import ENROL, VERIFY, pending_step

# Admin views a user may reach at any step.
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}
STEP_VIEWS = {VERIFY: "twofactor_verify", ENROL: "twofactor_enrol"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = pending_step(request.user)
        if step is None:
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if not request.path.startswith(reverse("wagtailadmin_home")):
            if view_name == "wagtailcore_login" and request.method == "GET":
                return self.to_step(step, request.GET.get("next", "/"))
            request.user = AnonymousUser()
            return None
        if view_name in ALWAYS_OPEN or view_name == STEP_VIEWS[step]:
            return None
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return self.to_step(step, request.get_full_path())

    @staticmethod
    def to_step(step, next_url):
        # The step's view only follows a next URL of this site.
        target = reverse(STEP_VIEWS[step])
        return redirect(f"{target}?{urlencode({'next': next_url})}")
