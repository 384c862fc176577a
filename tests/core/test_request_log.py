"""One JSON log line per request, with the request id the proxy gave or a new one."""

import json
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def broken_view(request):
    logging.getLogger("andelis.tests").warning("about to fail")
    raise RuntimeError("boom")


def quiet_view(request):
    logging.getLogger("andelis.tests").warning("inside the view")
    return HttpResponse("ok")


urlpatterns = [
    path("casse/", broken_view),
    path("calme/", quiet_view),
]


def console_handler():
    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    return console


@pytest.fixture
def request_lines(caplog):
    """The request log's lines, parsed. The logger does not propagate (its own handler
    writes bare JSON), so caplog listens to it directly."""
    logger = logging.getLogger("andelis.requests")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="andelis.requests")
    lines = []

    def read():
        lines[:] = [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "andelis.requests"
        ]
        return lines

    yield read
    logger.removeHandler(caplog.handler)


def test_one_line_per_request_with_method_path_status_duration_and_id(client, request_lines):
    response = client.get("/sante/")

    [line] = request_lines()
    assert set(line) == {"method", "path", "status", "duration_ms", "request_id"}
    assert line["method"] == "GET"
    assert line["path"] == "/sante/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    # A new id, given back to the client.
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response.headers["X-Request-ID"] == line["request_id"]


def test_every_request_gets_its_own_id(client, request_lines):
    first = client.get("/sante/").headers["X-Request-ID"]
    second = client.get("/sante/").headers["X-Request-ID"]

    assert first != second
    assert [line["request_id"] for line in request_lines()] == [first, second]


def test_the_proxys_request_id_is_kept(client, request_lines):
    proxy_id = "7f5c1d2e-4b3a-4c1d-9e8f-0a1b2c3d4e5f"

    response = client.get("/sante/", headers={"X-Request-ID": proxy_id})

    assert response.headers["X-Request-ID"] == proxy_id
    assert request_lines()[0]["request_id"] == proxy_id


@pytest.mark.parametrize(
    "forged",
    [
        'x" status=200 injected="1',
        "a\nFAKE LOG LINE",
        "x" * 129,
        "<script>",
        "id avec espaces",
    ],
)
def test_a_request_id_that_is_not_an_id_is_replaced(client, request_lines, forged):
    response = client.get("/sante/", headers={"X-Request-ID": forged})

    [line] = request_lines()
    assert line["request_id"] != forged
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert response.headers["X-Request-ID"] == line["request_id"]


def test_the_query_string_is_never_logged(client, request_lines, caplog):
    client.get("/recherche/", {"query": "jean.dupont@example.org", "page": "2"})

    [line] = request_lines()
    assert line["path"] == "/recherche/"
    assert "jean.dupont" not in caplog.text


def test_a_registrations_personal_link_is_hidden(client, request_lines, caplog):
    event = EventPageFactory(registration_open=True)
    token = "42-AbCdEfGhIjKlMnOpQrStUvWxYz0"
    status_url = f"{event.url}inscription/{token}/"

    client.get(status_url)
    client.get(f"{status_url}annuler/")
    client.get(f"{event.url}inscription/")

    paths = [line["path"] for line in request_lines()]
    assert paths == [
        f"{event.url}inscription/…/",
        f"{event.url}inscription/…/annuler/",
        f"{event.url}inscription/",
    ]
    # Nor in Django's own "Not Found" lines.
    assert token not in caplog.text
    assert f"Not Found: {event.url}inscription/…/" in caplog.text


def test_a_password_reset_link_is_hidden(client, request_lines, caplog):
    client.get("/admin/password_reset/confirm/MTI/cb1xyz-0123456789abcdef0123456789abcdef/")

    [line] = request_lines()
    assert line["path"] == "/admin/password_reset/confirm/…/"
    assert "0123456789abcdef" not in caplog.text


def test_not_found_is_logged_with_its_status(client, request_lines, caplog):
    client.get("/nulle-part/", headers={"X-Request-ID": "perdu-404"})

    assert request_lines()[0]["status"] == 404
    # Django's own warning, written after the middleware returned, has the same id.
    [warning] = [record for record in caplog.records if record.name == "django.request"]
    assert warning.getMessage() == "Not Found: /nulle-part/"
    assert warning.request_id == "perdu-404"


@override_settings(ROOT_URLCONF=__name__)
def test_a_crash_is_logged_as_500_and_its_error_carries_the_request_id(request_lines, caplog):
    client = Client(raise_request_exception=False)

    response = client.get("/casse/", headers={"X-Request-ID": "incident-1234"})

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "incident-1234"
    assert request_lines() == [
        {
            "method": "GET",
            "path": "/casse/",
            "status": 500,
            "duration_ms": request_lines()[0]["duration_ms"],
            "request_id": "incident-1234",
        }
    ]
    # Django's own error line and the view's warning can be found by the same id.
    crash = [record for record in caplog.records if record.name == "django.request"]
    assert crash[0].request_id == "incident-1234"
    warning = [record for record in caplog.records if record.name == "andelis.tests"]
    assert warning[0].request_id == "incident-1234"


@override_settings(ROOT_URLCONF=__name__)
def test_the_console_lines_of_a_request_show_its_id(client, caplog):
    from django.conf import settings

    console = console_handler()
    caplog.set_level(logging.WARNING, logger="andelis.tests")

    client.get("/calme/", headers={"X-Request-ID": "trace-77"})

    [record] = [record for record in caplog.records if record.name == "andelis.tests"]
    assert console.format(record) == "WARNING andelis.tests request_id=trace-77 inside the view"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request"]


def test_a_line_outside_any_request_has_no_id(caplog):
    logging.getLogger("andelis.tests").warning("from a command")

    [record] = [record for record in caplog.records if record.name == "andelis.tests"]
    console = console_handler()
    assert console.format(record) == "WARNING andelis.tests request_id=- from a command"
