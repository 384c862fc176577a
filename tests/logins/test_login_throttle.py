"""Failed logins lock (username, client address) out, on the admin and the private pages' login.

Regression (issue 14): 30 wrong passwords then the right one logged an editor in.
"""

import pytest
import time_machine
from django.utils import timezone

from core.client_ip import client_ip
from core.logins.lockout import lockout_response
from tests.test_settings import run_manage

from .conftest import CLIENT_IP, OTHER_IP, PASSWORD, logged_in, post_login

pytestmark = pytest.mark.django_db

LOCKED = "Trop de tentatives ont échoué"
LOGIN_FORMS = {
    "admin": ("/admin/login/", "wagtailadmin/login.html"),
    "pages privées": ("/_util/login/", "core/logins/login.html"),
}


@pytest.fixture(params=LOGIN_FORMS.values(), ids=LOGIN_FORMS.keys())
def login_form(request):
    return request.param


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, editor, login_form):
    url, template = login_form
    for _attempt in range(30):
        post_login(client, "edith", "pas-le-bon", url=url)

    response = post_login(client, "edith", PASSWORD, url=url)

    assert not logged_in(client)
    assert response.status_code == 429
    # The same login page, in French, with why and for how long.
    assert template in [t.name for t in response.templates]
    html = response.content.decode()
    assert LOCKED in html
    assert "pendant 15 minutes" in html
    assert 'name="username"' in html


def test_the_limit_is_a_setting_and_the_last_failure_says_so(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    first, second = (post_login(client, "edith", "pas-le-bon") for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert LOCKED not in second.content.decode()

    third = post_login(client, "edith", "pas-le-bon")

    assert third.status_code == 429
    assert LOCKED in third.content.decode()


def test_a_few_typos_then_the_right_password_log_in(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "edith", "pas-le-bon")

    response = post_login(client, "edith", PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_a_success_forgets_the_earlier_typos(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "edith", "pas-le-bon")
    post_login(client, "edith", PASSWORD)
    client.logout()

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "edith", "pas-le-bon")

    assert post_login(client, "edith", PASSWORD).status_code == 302


def test_the_lock_holds_one_username_from_one_address_only(client, editor, moderator, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "edith", "pas-le-bon", ip=CLIENT_IP)

    # Someone guessing from elsewhere cannot lock the editor out...
    assert post_login(client, "edith", PASSWORD, ip=OTHER_IP).status_code == 302
    client.logout()
    # ...and the locked address can still log another account in.
    assert post_login(client, "mona", PASSWORD, ip=CLIENT_IP).status_code == 302
    client.logout()
    assert post_login(client, "edith", PASSWORD, ip=CLIENT_IP).status_code == 429


def test_the_lock_ends_after_the_cooloff(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "edith", "pas-le-bon")
    assert post_login(client, "edith", PASSWORD).status_code == 429

    later = timezone.now() + settings.AXES_COOLOFF_TIME + timezone.timedelta(seconds=5)
    with time_machine.travel(later, tick=False):
        response = post_login(client, "edith", PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_client_address_comes_from_the_configured_header(client, editor, settings):
    """Behind the proxy every request comes from 127.0.0.1; the header tells clients apart."""
    settings.CLIENT_IP_HEADER = "X-Real-IP"

    def through_proxy(password, client_ip):
        return client.post(
            "/admin/login/",
            {"username": "edith", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=client_ip,
        )

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("pas-le-bon", OTHER_IP)

    assert through_proxy(PASSWORD, OTHER_IP).status_code == 429
    assert through_proxy(PASSWORD, CLIENT_IP).status_code == 302


def test_the_header_is_set_through_the_environment():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "from django.test import RequestFactory; from core.client_ip import client_ip; "
        "print(client_ip(RequestFactory().get('/', REMOTE_ADDR='127.0.0.1', "
        "HTTP_X_REAL_IP='203.0.113.7')), s.AXES_CLIENT_IP_CALLABLE, s.RATELIMIT_IP_META_KEY)",
        DJANGO_SETTINGS_MODULE="andelis.settings.test",
        DJANGO_CLIENT_IP_HEADER="X-Real-IP",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "203.0.113.7",
        "core.client_ip.client_ip",
        "core.client_ip.client_ip",
    ]


@pytest.mark.parametrize(
    ("header_value", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("", "127.0.0.1"),
        ("203.0.113.7, 10.0.0.1", "127.0.0.1"),
        ("<script>", "127.0.0.1"),
    ],
)
def test_a_missing_or_odd_header_means_the_connection_s_own_address(
    rf, settings, header_value, expected
):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=header_value)
    assert client_ip(request) == expected


def test_a_lockout_without_a_login_form_gets_a_french_page(rf, home_page):
    """Any other login (an XHR, a third-party view) still gets a French answer, not axes' text."""
    request = rf.post("/ailleurs/", REMOTE_ADDR=CLIENT_IP)

    response = lockout_response(request, None, {"username": "edith"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Connexion bloquée</h1>" in html
    assert LOCKED in html
