"""A moderator enrols an authenticator app in Chromium, then signs in with it.

The test plays the phone: it reads the secret shown as text on the enrolment
page and computes the codes with django-otp's TOTP function. Screenshots of
each screen go to test-artifacts/two-factor/.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-de-test"


def body_text(page):
    return re.sub("[\u00a0\u202f]", " ", page.inner_text("body"))


def sign_in_with_password(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def submit_code(page, code):
    """Type a code on the verification page; return the page's message after it."""
    page.get_by_label("Code de vérification").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Vérifier").click()
    return re.sub("[\u00a0\u202f]", " ", page.inner_text(".messages"))


def phone_code(key, steps_ahead=0):
    return f"{totp(key, drift=steps_ahead):06d}"


def test_enrol_then_sign_in_with_a_code_and_a_recovery_code(
    page, live_server, artifacts, moderator, settings
):
    settings.ANDELIS_2FA_REQUIRED = True
    base = live_server.url

    def shot(name):
        page.screenshot(path=artifacts("two-factor", f"{name}.png"), full_page=True)

    # The password is right, but a moderator without an app reaches only enrolment.
    sign_in_with_password(page, base, "mona")
    page.wait_for_url(re.compile(r"/admin/double-authentification/activer/"))
    page.goto(f"{base}/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/double-authentification/activer/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activer la double authentification")
    expect(page.get_by_role("img", name="Code QR à scanner avec l'application")).to_be_visible()
    shot("01-activation")

    secret = page.inner_text("#twofactor-secret").replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code affiché par l'application").fill(phone_code(key))
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(re.compile(r"/admin/double-authentification/$"))
    assert "La double authentification est activée." in body_text(page)
    codes = page.locator(".twofactor-code-list code").all_inner_texts()
    assert len(codes) == 10
    shot("02-codes-de-secours")
    page.goto(f"{base}/admin/")
    assert "Sommaire du site" in body_text(page)

    # Signing in again: the code of the app (the next 30-second one, since
    # enrolment used the current one and a code only works once).
    sign_in_with_password(page, base, "mona")
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Code de vérification")
    shot("03-code")
    page.get_by_label("Code de vérification").fill(phone_code(key, steps_ahead=1))
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "Sommaire du site" in body_text(page)

    # Without the phone: a recovery code, once.
    sign_in_with_password(page, base, "mona")
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    page.get_by_label("Code de vérification").fill(codes[0])
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "Code de secours utilisé : il vous en reste 9." in body_text(page)

    sign_in_with_password(page, base, "mona")
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    message = submit_code(page, codes[0])
    assert "Code incorrect. Vérifiez-le et réessayez." in message
    shot("04-code-refuse")

    # Wrong app codes: refused, then held back, each failure doubling the wait
    # (1, 2, 4 s...). A code typed while held back is not even checked.
    valid_now = {phone_code(key, steps_ahead=offset) for offset in range(-2, 4)}
    wrong = next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid_now)
    messages = []
    while len(messages) < 60:
        messages.append(submit_code(page, wrong))
        refused = [m for m in messages if "Code incorrect" in m]
        if len(refused) >= 3 and "Trop de codes erronés" in messages[-1]:
            break
    assert "Code incorrect" in messages[0]
    assert "Trop de codes erronés" in messages[-1], messages
    shot("05-trop-de-codes")
    # Three failures: four seconds to wait, and the right code is refused meanwhile.
    assert "Trop de codes erronés" in submit_code(page, phone_code(key, steps_ahead=1))
    page.goto(f"{base}/admin/")
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))


def test_superuser_resets_a_moderators_second_factor_from_the_users_listing(
    page, live_server, artifacts, moderator, settings
):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.twofactor.devices import new_recovery_codes

    settings.ANDELIS_2FA_REQUIRED = True
    base = live_server.url
    admin = get_user_model().objects.create_superuser("sabine", "sabine@example.org", PASSWORD)
    admin_app = TOTPDevice.objects.create(user=admin, name="Application", confirmed=True)
    TOTPDevice.objects.create(user=moderator, name="Application", confirmed=True)
    new_recovery_codes(moderator)

    def shot(name):
        page.screenshot(path=artifacts("two-factor", f"{name}.png"), full_page=True)

    sign_in_with_password(page, base, "sabine")
    page.wait_for_url(re.compile(r"/admin/double-authentification/code/"))
    assert "Code incorrect" not in submit_code(page, phone_code(admin_app.bin_key))
    page.wait_for_url(re.compile(r"/admin/$"))

    # The account page leads to one's own second factor.
    page.goto(f"{base}/admin/account/")
    page.get_by_role("tab", name="Plus d'actions").click()
    shot("06-compte")
    page.get_by_role("link", name="Double authentification").click()
    page.wait_for_url(re.compile(r"/admin/double-authentification/$"))
    assert "Activée" in body_text(page)

    page.goto(f"{base}/admin/users/")
    row = page.locator("tr", has_text="mona")
    row.get_by_role("button", name=re.compile("Plus d.options")).click()
    shot("07-utilisateurs")
    row.get_by_role("link", name="Réinitialiser la double authentification").click()
    page.wait_for_url(re.compile(r"/admin/double-authentification/reinitialiser/\d+/"))
    shot("08-reinitialiser")
    page.get_by_role("button", name="Réinitialiser").click()
    page.wait_for_url(re.compile(r"/admin/users/"))
    assert "Double authentification réinitialisée pour « mona »." in body_text(page)
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    # The moderator's next sign-in goes to enrolment.
    sign_in_with_password(page, base, "mona")
    page.wait_for_url(re.compile(r"/admin/double-authentification/activer/"))
