"""What a locked-out visitor or editor sees: the same login form, with why and for how long.

django-axes calls ``lockout_response`` (``AXES_LOCKOUT_CALLABLE``) instead of
its own English text whenever a login is refused because of too many failures.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

LOCKED_OUT_STATUS = 429


def cooloff_minutes():
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message():
    minutes = cooloff_minutes()
    return ngettext(
        "Trop de tentatives ont échoué : par sécurité, la connexion est bloquée pendant "
        "%(minutes)d minute. Réessayez ensuite, ou demandez à un administrateur du site "
        "de la débloquer.",
        "Trop de tentatives ont échoué : par sécurité, la connexion est bloquée pendant "
        "%(minutes)d minutes. Réessayez ensuite, ou demandez à un administrateur du site "
        "de la débloquer.",
        minutes,
    ) % {"minutes": minutes}


def form_with_lockout_error(form):
    """The bound login form, its errors replaced by the lockout message."""
    form.errors.clear()
    form.add_error(None, ValidationError(lockout_message(), code="locked_out"))
    return form


def lockout_response(request, original_response=None, credentials=None):
    """Show the login page the visitor used again, with the lockout message as its error.

    The view has already answered (a login form refused); its template and
    context are reused, so the Wagtail admin, the private pages' login and the
    password forms each keep their own page. Anything else gets a plain page.
    """
    context = getattr(original_response, "context_data", None) or {}
    template_name = getattr(original_response, "template_name", None)
    form = context.get("form")
    if template_name and form is not None and form.is_bound:
        form_with_lockout_error(form)
        response = TemplateResponse(request, template_name, context, status=LOCKED_OUT_STATUS)
    else:
        response = TemplateResponse(
            request,
            "core/logins/locked_out.html",
            {"message": lockout_message()},
            status=LOCKED_OUT_STATUS,
        )
    # The middleware that calls this runs after Django renders responses.
    return response.render()
