"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

Public pages get the strict policy of ``CONTENT_SECURITY_POLICY`` (or its report-only
twin, see ``DJANGO_CSP_REPORT_ONLY``); the Wagtail admin and the footnotes modal get
``ANDELIS_CSP_ADMIN_DIRECTIVES``, because Wagtail's admin runs inline scripts and
styles of its own. Neither policy uses nonces: a shared front cache serves the same
bytes to every visitor, so the header must not change from one response to the next.
See docs/security.md.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's paths.

    Only HTML documents get the header: a policy on a PDF or an image served by
    Django protects nothing, and some browsers' built-in PDF viewers obey it.
    A page preview gets the admin's policy: it is served under /admin/.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by running a dummy request for the page's public
        # URL through the middleware; the admin view that frames it sets the policy.
        if not _is_html(response) or getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        setting = (
            "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        )
        in_force = getattr(settings, setting, None)
        if (
            in_force
            and parts.config is None
            and request.path_info.startswith(tuple(settings.ANDELIS_CSP_ADMIN_PATHS))
        ):
            return PolicyParts(
                config=settings.ANDELIS_CSP_ADMIN_DIRECTIVES,
                update=parts.update,
                replace=parts.replace,
                nonce=None,
            )
        return parts


def permissions_policy_header(features):
    """``camera=(), fullscreen=(self)``: each feature with the origins allowed to use it."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Turns off the browser features the site never uses, on every response.

    A script injected into a page, or a page framing ours, cannot then ask for the
    camera, the microphone, the visitor's position, a payment or a USB device.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.ANDELIS_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
