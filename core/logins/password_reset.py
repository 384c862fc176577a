"""The admin's "Mot de passe oublié ?" form, rate-limited per address and per client address.

Each request for a known address sends an e-mail: without a limit, anyone can
flood an editor's mailbox or use the site to send mail. Counts are kept by
django-ratelimit in the shared "ratelimit" cache (Redis in production). The
form answers the same whether or not the address has an account, and so does
the limit: it counts the address typed, not the account. Without the cache no
e-mail is sent: the form asks to try again later.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError
from wagtail.admin.views.account import PasswordResetView

logger = logging.getLogger(__name__)

THROTTLED_STATUS = 429
UNAVAILABLE_STATUS = 503


def _typed_address(group, request):
    return request.POST.get("email", "").strip().lower()


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        try:
            refusal = self.rate_limit_refusal()
        except (ConnectionInterrupted, RedisError):
            logger.exception("Password reset refused: the rate-limit cache is unreachable")
            return self.refused(
                form,
                _(
                    "La réinitialisation est momentanément indisponible. "
                    "Réessayez dans quelques minutes."
                ),
                UNAVAILABLE_STATUS,
            )
        if refusal:
            return self.refused(form, refusal, THROTTLED_STATUS)
        return super().form_valid(form)

    def rate_limit_refusal(self):
        """Why this request may not send an e-mail, or None; counts it either way."""
        if is_ratelimited(
            self.request,
            group="password-reset-ip",
            key="ip",
            rate=settings.PASSWORD_RESET_RATE_PER_IP,
            increment=True,
        ):
            return _(
                "Trop de demandes de réinitialisation depuis votre connexion. Réessayez plus tard."
            )
        if is_ratelimited(
            self.request,
            group="password-reset-address",
            key=_typed_address,
            rate=settings.PASSWORD_RESET_RATE_PER_ADDRESS,
            increment=True,
        ):
            return _(
                "Trop de demandes de réinitialisation pour cette adresse. Si un compte "
                "l'utilise, le lien lui a déjà été envoyé : consultez votre messagerie "
                "(et ses indésirables), ou réessayez plus tard."
            )
        return None

    def refused(self, form, message, status):
        form.add_error(None, ValidationError(message, code="refused"))
        response = self.form_invalid(form)
        response.status_code = status
        return response
