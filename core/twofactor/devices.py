"""The two devices an account holds: an authenticator app (TOTP) and recovery codes.

Codes are checked against one device at a time, chosen by their shape, so that
a mistyped app code does not throttle the recovery codes and the reverse.
Each device backs off after a wrong code (django-otp's ThrottlingMixin: the
wait doubles with each failure, from ``OTP_*_THROTTLE_FACTOR`` seconds).
"""

import math
import re
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

APP_DEVICE_NAME = "Application d'authentification"
RECOVERY_DEVICE_NAME = "Codes de secours"
_APP_CODE = re.compile(r"\d{6}")


@dataclass
class Verification:
    device: object = None
    error: str = ""

    def __bool__(self):
        return self.device is not None


def normalise(code):
    """Spaces and dashes are how people copy codes; recovery codes are lower case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def secret_for_display(device):
    """The app's secret in base32, in groups of four, as apps ask to type it."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def pending_app_device(user):
    """The unconfirmed app device an enrolment shows, made on first sight."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def _throttled(device):
    allowed, extra = device.verify_is_allowed()
    if allowed:
        return ""
    locked_until = (extra or {}).get("locked_until")
    seconds = 1
    if locked_until is not None:
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ngettext(
        "Trop de codes erronés : attendez %(seconds)d seconde avant de réessayer.",
        "Trop de codes erronés : attendez %(seconds)d secondes avant de réessayer.",
        seconds,
    ) % {"seconds": seconds}


def _check(device, code):
    # verify_token counts the failure (or resets the count) on the locked row.
    error = _throttled(device)
    if error:
        return Verification(error=error)
    if device.verify_token(code):
        return Verification(device=device)
    return Verification(error=_("Code incorrect. Vérifiez-le et réessayez."))


def verify_code(user, code):
    """Check a 6-digit app code or a recovery code against the user's confirmed devices."""
    code = normalise(code)
    if not code:
        return Verification(error=_("Saisissez le code à 6 chiffres ou un code de secours."))
    if _APP_CODE.fullmatch(code):
        model = TOTPDevice
    else:
        # Recovery codes are base32, which has no zero: a typed 0 is an O.
        model, code = StaticDevice, code.replace("0", "o")
    with transaction.atomic():
        device = (
            model.objects.devices_for_user(user, confirmed=True)
            .select_for_update()
            .order_by("pk")
            .first()
        )
        if device is None:
            return Verification(error=_("Code incorrect. Vérifiez-le et réessayez."))
        return _check(device, code)


def confirm_app_device(user, device_id, code):
    """Confirm an enrolment: the code must come from the app that scanned the secret.

    On success the new app replaces any previous one.
    """
    code = normalise(code)
    if not _APP_CODE.fullmatch(code):
        return Verification(error=_("Saisissez le code à 6 chiffres affiché par l'application."))
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, pk=device_id, confirmed=False)
            .first()
        )
        if device is None:
            return Verification(
                error=_("Cette configuration a expiré : recommencez avec le nouveau code QR.")
            )
        result = _check(device, code)
        if result:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        return result


def new_recovery_codes(user):
    """Replace the user's recovery codes with a new set; return them (shown once)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": RECOVERY_DEVICE_NAME}
        )
        device.token_set.all().delete()
        codes = [
            StaticToken.random_token() for _index in range(settings.ANDELIS_2FA_RECOVERY_CODES)
        ]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def remove_devices(user):
    """Delete every device of the account (lost phone); return how many there were."""
    removed = 0
    with transaction.atomic():
        for device in list(devices_for_user(user, confirmed=None)):
            device.delete()
            removed += 1
    return removed


def reset_devices(user, by=None):
    """An administrator's reset: remove the devices and log it in Wagtail's logs."""
    removed = remove_devices(user)
    log(instance=user, action="andelis.twofactor_reset", user=by, data={"devices": removed})
    return removed
