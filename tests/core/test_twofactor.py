"""Two-factor authentication of admin accounts (core/twofactor, issue 14 item 2).

Every test signs in through Wagtail's own login view, as a person would, then
meets the second step. ANDELIS_2FA_REQUIRED is off in test.py; the tests that
need the policy turn it on.
"""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry, PageViewRestriction

from core.twofactor.devices import new_recovery_codes
from core.twofactor.policy import two_factor_required
from core.twofactor.views import EnrolView
from tests.factories import StandardPageFactory
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-de-test"
ENROL_URL = "/admin/double-authentification/activer/"
VERIFY_URL = "/admin/double-authentification/code/"
MANAGE_URL = "/admin/double-authentification/"


@pytest.fixture
def required(settings):
    settings.ANDELIS_2FA_REQUIRED = True
    settings.ANDELIS_2FA_REQUIRED_FOR_EDITORS = False
    return settings


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="sabine", email="sabine@example.org", password=PASSWORD
    )


def password_login(client, user):
    answer = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": PASSWORD, "next": "/admin/"},
    )
    assert answer.status_code == 302, "the password step itself failed"
    return answer


def code_for(device, steps_ahead=0):
    """What the user's phone shows now (or ``steps_ahead`` periods of 30 s later)."""
    return f"{totp(device.bin_key, step=device.step, drift=steps_ahead):06d}"


def enrolled(user):
    """A confirmed app and a set of recovery codes, as after an enrolment."""
    device = TOTPDevice.objects.create(user=user, name="Application", confirmed=True)
    return device, new_recovery_codes(user)


def text(answer):
    return re.sub(r"\s+", " ", unescape(answer.content.decode())).replace("\u202f", " ")


# --- Policy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("required_on", "for_editors", "expected"),
    [
        (True, False, {"superuser": True, "moderator": True, "editor": False}),
        (True, True, {"superuser": True, "moderator": True, "editor": True}),
        (False, True, {"superuser": False, "moderator": False, "editor": False}),
    ],
)
def test_policy_follows_the_two_settings(
    settings, superuser, moderator, editor, required_on, for_editors, expected
):
    settings.ANDELIS_2FA_REQUIRED = required_on
    settings.ANDELIS_2FA_REQUIRED_FOR_EDITORS = for_editors
    people = {"superuser": superuser, "moderator": moderator, "editor": editor}
    assert {role: two_factor_required(user) for role, user in people.items()} == expected


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "andelis.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-check",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/andelis",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://colloques.example",
}
PRINT_POLICY = (
    "from django.conf import settings; "
    "print(settings.ANDELIS_2FA_REQUIRED, settings.ANDELIS_2FA_REQUIRED_FOR_EDITORS)"
)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        (PRODUCTION, "True False"),
        ({**PRODUCTION, "ANDELIS_2FA_REQUIRED_FOR_EDITORS": "1"}, "True True"),
        # `make run`'s demo accounts sign in with their password alone.
        ({"DJANGO_SETTINGS_MODULE": "andelis.settings.dev"}, "False False"),
    ],
)
def test_required_in_production_and_off_in_development(environment, expected):
    result = run_manage("shell", "--verbosity", "0", "-c", PRINT_POLICY, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


# --- Enrolment ----------------------------------------------------------------------


def test_moderator_without_device_reaches_only_enrolment(client, required, moderator):
    answer = password_login(client, moderator)
    followed = client.get(answer["Location"])
    assert followed.status_code == 302
    assert followed["Location"] == f"{ENROL_URL}?next=%2Fadmin%2F"
    for path in ["/admin/", "/admin/pages/", "/admin/users/", MANAGE_URL, VERIFY_URL]:
        answer = client.get(path)
        assert answer.status_code == 302, path
        assert answer["Location"].startswith(ENROL_URL), path
    # A form posted elsewhere is refused, not carried out.
    assert client.post("/admin/account/", {}).status_code == 403
    assert client.get(ENROL_URL).status_code == 200


def test_enrolment_shows_the_secret_as_text_and_as_a_qr_code(client, required, moderator):
    password_login(client, moderator)
    page = client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    body = text(page)
    assert "Activer la double authentification" in body
    secret = re.search(r'id="twofactor-secret">([A-Z2-7 ]+)<', body).group(1)
    assert secret.replace(" ", "") in device.config_url
    assert '<svg role="img" aria-label="Code QR' in body
    # Reloading the page keeps the same secret: a slow phone is not lost.
    client.get(ENROL_URL)
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_enrolment_confirms_a_code_then_shows_recovery_codes_once(client, required, moderator):
    password_login(client, moderator)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=moderator)

    answer = client.post(ENROL_URL, {"code": code_for(device), "next": "/admin/"})
    assert answer.status_code == 302
    assert answer["Location"] == MANAGE_URL
    device.refresh_from_db()
    assert device.confirmed

    page = text(client.get(MANAGE_URL))
    assert "Vos codes de secours" in page
    codes = set(StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"<code>{code.upper()}</code>" in page for code in codes)
    # Shown once.
    again = text(client.get(MANAGE_URL))
    assert "Vos codes de secours" not in again
    assert not any(code.upper() in again for code in codes)
    assert "Il vous reste 10 codes de secours inutilisés." in again
    # The session is verified: the admin is open.
    assert client.get("/admin/").status_code == 200


def test_enrolment_refuses_a_wrong_code_in_french_and_confirms_nothing(client, required, moderator):
    password_login(client, moderator)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=moderator)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    page = client.post(ENROL_URL, {"code": wrong})
    assert page.status_code == 200
    assert "Code incorrect. Vérifiez-le et réessayez." in text(page)
    page = client.post(ENROL_URL, {"code": "abc"})
    assert "Saisissez le code à 6 chiffres affiché par l'application." in text(page)
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=moderator).exists()
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_editor_is_free_unless_the_editors_setting_says_so(client, required, editor):
    password_login(client, editor)
    assert client.get("/admin/").status_code == 200
    required.ANDELIS_2FA_REQUIRED_FOR_EDITORS = True
    assert client.get("/admin/")["Location"].startswith(ENROL_URL)


def test_nobody_is_held_when_the_requirement_is_off(client, settings, superuser):
    settings.ANDELIS_2FA_REQUIRED = False
    password_login(client, superuser)
    assert client.get("/admin/").status_code == 200


# --- Signing in with a code ---------------------------------------------------------


def test_a_code_from_the_app_opens_the_admin(client, moderator):
    # Off in test settings: a user with a device is asked all the same.
    device, _codes = enrolled(moderator)
    password_login(client, moderator)
    answer = client.get("/admin/account/")
    assert answer["Location"] == f"{VERIFY_URL}?next=%2Fadmin%2Faccount%2F"
    page = client.get(answer["Location"])
    assert "Code de vérification" in text(page)
    assert "codes de secours" in text(page)

    code = code_for(device)
    answer = client.post(VERIFY_URL, {"code": code, "next": "/admin/account/"})
    assert answer.status_code == 302
    assert answer["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    # The same code cannot be used a second time (even once the app shows the next one).
    client.logout()
    password_login(client, moderator)
    page = client.post(VERIFY_URL, {"code": code})
    assert "Code incorrect" in text(page)


def test_a_recovery_code_works_once(client, moderator):
    _device, codes = enrolled(moderator)
    password_login(client, moderator)
    # Copied with a dash and in capitals: still the code.
    typed = f"{codes[0][:4].upper()}-{codes[0][4:].upper()}"
    answer = client.post(VERIFY_URL, {"code": typed, "next": "/admin/"})
    assert answer["Location"] == "/admin/"
    dashboard = text(client.get("/admin/"))
    assert "Code de secours utilisé : il vous en reste 9." in dashboard

    client.logout()
    password_login(client, moderator)
    page = client.post(VERIFY_URL, {"code": codes[0]})
    assert "Code incorrect. Vérifiez-le et réessayez." in text(page)
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_a_wrong_code_is_refused_then_throttled(client, moderator):
    device, _codes = enrolled(moderator)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        password_login(client, moderator)
        right = code_for(device)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        page = client.post(VERIFY_URL, {"code": wrong})
        assert page.status_code == 200
        assert "Code incorrect. Vérifiez-le et réessayez." in text(page)
        page = client.post(VERIFY_URL, {"code": ""})
        assert "Champ requis." in text(page)

        # Right away, even the right code waits: django-otp backs off after a failure.
        page = client.post(VERIFY_URL, {"code": right})
        assert "Trop de codes erronés : attendez 1 seconde avant de réessayer." in text(page)
        assert client.get("/admin/")["Location"].startswith(VERIFY_URL)

    with time_machine.travel(
        datetime.datetime(2027, 3, 1, 9, 0, 2, tzinfo=datetime.UTC), tick=False
    ):
        page = client.post(VERIFY_URL, {"code": wrong})
        assert "Code incorrect" in text(page)
    with time_machine.travel(
        datetime.datetime(2027, 3, 1, 9, 0, 3, tzinfo=datetime.UTC), tick=False
    ):
        # Two failures: two seconds to wait, and each failure doubles it.
        page = client.post(VERIFY_URL, {"code": right})
        assert "attendez 1 seconde" in text(page) or "attendez 2 secondes" in text(page)
        device.refresh_from_db()
        assert device.throttling_failure_count == 2

    with time_machine.travel(
        datetime.datetime(2027, 3, 1, 9, 0, 5, tzinfo=datetime.UTC), tick=False
    ):
        answer = client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/"})
        assert answer.status_code == 302
        device.refresh_from_db()
        assert device.throttling_failure_count == 0


def test_a_recovery_code_typed_with_a_zero_for_an_o_still_works(client, moderator):
    enrolled(moderator)
    StaticToken.objects.filter(device__user=moderator).update(token="ho2ok7ab")
    password_login(client, moderator)
    answer = client.post(VERIFY_URL, {"code": "H02O K7AB", "next": "/admin/"})
    assert answer["Location"] == "/admin/"


def test_wrong_recovery_codes_throttle_the_recovery_codes_only(client, moderator):
    device, codes = enrolled(moderator)
    password_login(client, moderator)
    client.post(VERIFY_URL, {"code": "zzzzzzzz"})
    page = client.post(VERIFY_URL, {"code": codes[1]})
    assert "Trop de codes erronés" in text(page)
    assert StaticToken.objects.filter(token=codes[1]).exists()
    # The app's code is not held back by the recovery codes' failures.
    answer = client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/"})
    assert answer.status_code == 302


def test_only_a_local_next_is_followed(client, moderator):
    device, _codes = enrolled(moderator)
    password_login(client, moderator)
    answer = client.post(
        VERIFY_URL, {"code": code_for(device), "next": "https://evil.example/admin/"}
    )
    assert answer["Location"] == "/admin/"


def test_a_user_with_a_device_cannot_enrol_a_new_one_before_giving_a_code(client, moderator):
    enrolled(moderator)
    password_login(client, moderator)
    answer = client.get(ENROL_URL)
    assert answer["Location"].startswith(VERIFY_URL)
    assert client.post(ENROL_URL, {"code": "123456"}).status_code == 403
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_enrolment_view_itself_refuses_an_unverified_user_with_a_device(rf, moderator):
    # Behind the middleware, the view holds the line on its own too.
    enrolled(moderator)
    moderator.is_verified = lambda: False
    request = rf.post(ENROL_URL, {"code": "123456"})
    request.user = moderator
    answer = EnrolView.as_view()(request)
    assert (answer.status_code, answer["Location"]) == (302, VERIFY_URL)
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_password_alone_opens_no_private_page(client, moderator, home_page):
    private = StandardPageFactory(parent=home_page, title="Réservé", slug="reserve")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    device, _codes = enrolled(moderator)
    password_login(client, moderator)
    answer = client.get(private.url)
    assert answer.status_code == 302
    assert "/_util/login/" in answer["Location"]

    # Its login form sends the user to the code, then back to the page.
    login_form = client.get(answer["Location"])
    assert login_form["Location"] == f"{VERIFY_URL}?next=%2Freserve%2F"
    answer = client.post(VERIFY_URL, {"code": code_for(device), "next": "/reserve/"})
    assert answer["Location"] == "/reserve/"
    assert client.get(private.url).status_code == 200


def test_the_verify_page_lets_the_user_log_out(client, moderator):
    enrolled(moderator)
    password_login(client, moderator)
    page = text(client.get(VERIFY_URL))
    assert 'action="/admin/logout/"' in page
    client.post("/admin/logout/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


# --- Managing one's own second factor -----------------------------------------------


def test_account_page_leads_to_the_two_factor_page(client, editor):
    password_login(client, editor)
    page = text(client.get("/admin/account/"))
    assert f'href="{MANAGE_URL}"' in page
    manage = text(client.get(MANAGE_URL))
    assert "Désactivée : votre compte n'est protégé que par son mot de passe." in manage


def test_new_recovery_codes_replace_the_old_ones(client, moderator):
    device, old_codes = enrolled(moderator)
    password_login(client, moderator)
    client.post(VERIFY_URL, {"code": code_for(device)})

    answer = client.post(reverse("twofactor_recovery_codes"))
    assert answer["Location"] == MANAGE_URL
    page = text(client.get(MANAGE_URL))
    new_codes = list(
        StaticToken.objects.filter(device__user=moderator).values_list("token", flat=True)
    )
    assert len(new_codes) == 10
    assert set(new_codes).isdisjoint(old_codes)
    assert all(code.upper() in page for code in new_codes)
    assert "les anciens ne fonctionnent plus" in page

    client.logout()
    password_login(client, moderator)
    assert "Code incorrect" in text(client.post(VERIFY_URL, {"code": old_codes[2]}))


def test_disabling_is_refused_when_required_and_allowed_otherwise(client, settings, moderator):
    settings.ANDELIS_2FA_REQUIRED = True
    device, _codes = enrolled(moderator)
    password_login(client, moderator)
    client.post(VERIFY_URL, {"code": code_for(device)})

    client.post(reverse("twofactor_disable"))
    assert TOTPDevice.objects.filter(user=moderator).exists()
    assert "La double authentification est obligatoire pour votre compte." in text(
        client.get(MANAGE_URL)
    )

    settings.ANDELIS_2FA_REQUIRED = False
    client.post(reverse("twofactor_disable"))
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()


# --- A superuser's reset ------------------------------------------------------------


def test_superuser_resets_a_locked_out_account_from_the_users_listing(
    client, required, superuser, moderator
):
    enrolled(moderator)
    admin_device, _codes = enrolled(superuser)
    password_login(client, superuser)
    client.post(VERIFY_URL, {"code": code_for(admin_device)})
    reset_url = reverse("twofactor_reset", args=[moderator.pk])

    listing = text(client.get("/admin/users/"))
    assert reset_url in listing
    assert "Réinitialiser la double authentification" in listing
    confirm = text(client.get(reset_url))
    assert "seront supprimés" in confirm

    client.post(reset_url)
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    entry = ModelLogEntry.objects.get(action="andelis.twofactor_reset")
    assert (entry.object_id, entry.user_id) == (str(moderator.pk), superuser.pk)
    assert "Double authentification réinitialisée" in text(
        client.get("/admin/reports/site-history/")
    )
    assert not StaticDevice.objects.filter(user=moderator).exists()
    assert TOTPDevice.objects.filter(user=superuser).exists()

    # The moderator signs in again and, the policy requiring it, enrols anew.
    other = client.__class__()
    password_login(other, moderator)
    assert other.get("/admin/")["Location"].startswith(ENROL_URL)


def test_only_a_superuser_may_reset(client, moderator, editor):
    enrolled(editor)
    password_login(client, moderator)
    reset_url = reverse("twofactor_reset", args=[editor.pk])
    # Wagtail answers a refusal by sending back to the dashboard with a message.
    assert client.get(reset_url)["Location"] == "/admin/"
    assert client.post(reset_url)["Location"] == "/admin/"
    assert reset_url not in text(client.get("/admin/users/"))
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_reset_command_removes_the_devices(moderator, capsys):
    enrolled(moderator)
    call_command("reset_two_factor", "mona")
    assert "Double authentification réinitialisée pour « mona »" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()

    with pytest.raises(CommandError, match="Aucun compte « personne »"):
        call_command("reset_two_factor", "personne")
