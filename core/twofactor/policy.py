"""Who must use two-factor authentication, and what a signed-in user still owes."""

from django.conf import settings
from django_otp import user_has_device

from core.roles import EDITORS, MODERATORS

VERIFY = "verify"
ENROL = "enrol"


def two_factor_required(user):
    """True when the settings require a second factor of this account.

    ``ANDELIS_2FA_REQUIRED`` covers superusers and Modérateurs, and is the
    master switch: ``ANDELIS_2FA_REQUIRED_FOR_EDITORS`` adds Éditeurs.
    """
    if not user.is_authenticated or not settings.ANDELIS_2FA_REQUIRED:
        return False
    if user.is_superuser:
        return True
    groups = [MODERATORS]
    if settings.ANDELIS_2FA_REQUIRED_FOR_EDITORS:
        groups.append(EDITORS)
    return user.groups.filter(name__in=groups).exists()


def pending_step(user):
    """What a signed-in user must do before reaching the admin: VERIFY, ENROL or None.

    An account with a confirmed device always gives a code, whatever the
    settings; one without gives nothing unless the policy requires a device.
    """
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user):
        return VERIFY
    if two_factor_required(user):
        return ENROL
    return None
