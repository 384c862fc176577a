"""The page and collection password forms, throttled like the user logins.

These forms have no username: Wagtail compares one shared password. Each
restriction stands for the username in django-axes' records, so failures are
counted per (restriction, client address) with the same limit and cool-off as
the logins, appear in the administrators' list of lockouts and are unlocked
there. Wagtail's own views still check the password; these wrappers only count
their refusals and, once locked, refuse without checking.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from .lockout import LOCKED_OUT_STATUS, lockout_message

# Django usernames cannot hold ":", so these never collide with an account.
PAGE_RESTRICTION_PREFIX = "page-password:"
COLLECTION_RESTRICTION_PREFIX = "collection-password:"


class LockedOutPasswordForm(PasswordViewRestrictionForm):
    """The password form while its sender is locked out: refused, the password unread."""

    def clean_password(self):
        return ""

    def clean(self):
        raise ValidationError(lockout_message(), code="locked_out")


def _throttled(request, username, check_password, render_locked_out):
    credentials = get_credentials(username=username)
    if request.method != "POST":
        return check_password()
    if AxesProxyHandler.is_locked(request, credentials):
        response = render_locked_out()
        response.status_code = LOCKED_OUT_STATUS
        return response
    response = check_password()
    if response.status_code == 200:
        # Wagtail shows the form again: the password was wrong. At the limit,
        # axes marks the request and its middleware answers with the lockout.
        AxesProxyHandler.user_login_failed(
            sender=_throttled, credentials=credentials, request=request
        )
    elif response.status_code == 302 and settings.AXES_RESET_ON_SUCCESS:
        reset(ip=request.axes_ip_address, username=username)
    return response


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's ``authenticate_with_password`` for pages, throttled."""

    def render_locked_out():
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        form = LockedOutPasswordForm(request.POST, instance=restriction)
        form.is_valid()
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        return page.serve_password_required_response(request, form, action_url)

    return _throttled(
        request,
        f"{PAGE_RESTRICTION_PREFIX}{page_view_restriction_id}",
        lambda: wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        ),
        render_locked_out,
    )


def collection_password(request, restriction_id):
    """Wagtail's ``authenticate_with_password`` for documents of a private collection, throttled."""

    def render_locked_out():
        restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
        form = LockedOutPasswordForm(request.POST, instance=restriction)
        form.is_valid()
        action_url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.id])
        template = getattr(
            settings,
            "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE",
            "wagtaildocs/password_required.html",
        )
        return TemplateResponse(request, template, {"form": form, "action_url": action_url})

    return _throttled(
        request,
        f"{COLLECTION_RESTRICTION_PREFIX}{restriction_id}",
        lambda: document_views.authenticate_with_password(request, restriction_id),
        render_locked_out,
    )
