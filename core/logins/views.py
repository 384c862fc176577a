"""Administrators' view of current lockouts (Paramètres › Connexions bloquées), and unlocking."""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from .restrictions import COLLECTION_RESTRICTION_PREFIX, PAGE_RESTRICTION_PREFIX


def current_lockouts():
    """Attempts at or over the limit whose cool-off has not ended, latest first."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")


def _restriction_id(username, prefix):
    if username and username.startswith(prefix):
        suffix = username.removeprefix(prefix)
        if suffix.isdigit():
            return int(suffix)
    return None


def describe(attempt):
    """What was locked, as an administrator would name it."""
    page_restriction = _restriction_id(attempt.username, PAGE_RESTRICTION_PREFIX)
    if page_restriction is not None:
        restriction = (
            PageViewRestriction.objects.select_related("page").filter(pk=page_restriction).first()
        )
        title = restriction.page.title if restriction else _("supprimée")
        return _("Mot de passe de la page « %(title)s »") % {"title": title}
    collection_restriction = _restriction_id(attempt.username, COLLECTION_RESTRICTION_PREFIX)
    if collection_restriction is not None:
        restriction = (
            CollectionViewRestriction.objects.select_related("collection")
            .filter(pk=collection_restriction)
            .first()
        )
        name = restriction.collection.name if restriction else _("supprimée")
        return _("Mot de passe de la collection « %(name)s »") % {"name": name}
    return _("Compte « %(username)s »") % {"username": attempt.username or "?"}


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        pk = request.POST.get("attempt", "")
        attempt = AccessAttempt.objects.filter(pk=pk).first() if pk.isdigit() else None
        if attempt is None:
            messages.warning(request, _("Ce blocage a déjà pris fin."))
        else:
            label = describe(attempt)
            attempt.delete()
            messages.success(
                request,
                _("%(what)s débloqué pour l'adresse %(ip)s.")
                % {"what": label, "ip": attempt.ip_address},
            )
        return redirect("logins_lockouts")
    lockouts = [
        {
            "attempt": attempt,
            "label": describe(attempt),
            "ends_at": attempt.attempt_time + settings.AXES_COOLOFF_TIME,
        }
        for attempt in current_lockouts()
    ]
    title = _("Connexions bloquées")
    return TemplateResponse(
        request,
        "core/logins/lockouts.html",
        {
            "lockouts": lockouts,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "header_title": title,
            "page_title": title,
            "header_icon": "lock",
        },
    )
