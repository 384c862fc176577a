"""The admin's "Mot de passe oublié ?" form, rate-limited per address and per client address.

Each request for a known address sends an e-mail: without a limit, anyone can
flood an editor's mailbox or use the site to send mail. Counts are kept by
django-ratelimit in the shared "ratelimit" cache (Redis in production). The
form answers the same whether or not the address has an account, and so does
the limit: it counts the address typed, not the account.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.account import PasswordResetView

THROTTLED_STATUS = 429


def _typed_address(group, request):
    return request.POST.get("email", "").strip().lower()


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        request = self.request
        if is_ratelimited(
            request,
            group="password-reset-ip",
            key="ip",
            rate=settings.PASSWORD_RESET_RATE_PER_IP,
            increment=True,
        ):
            return self.throttled(
                form,
                _(
                    "Trop de demandes de réinitialisation depuis votre connexion. "
                    "Réessayez plus tard."
                ),
            )
        if is_ratelimited(
            request,
            group="password-reset-address",
            key=_typed_address,
            rate=settings.PASSWORD_RESET_RATE_PER_ADDRESS,
            increment=True,
        ):
            return self.throttled(
                form,
                _(
                    "Trop de demandes de réinitialisation pour cette adresse. Si un compte "
                    "l'utilise, le lien lui a déjà été envoyé : consultez votre messagerie "
                    "(et ses indésirables), ou réessayez plus tard."
                ),
            )
        return super().form_valid(form)

    def throttled(self, form, message):
        form.add_error(None, ValidationError(message, code="throttled"))
        response = self.form_invalid(form)
        response.status_code = THROTTLED_STATUS
        return response
