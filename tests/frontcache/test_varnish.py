"""The project's VCL in a real varnishd, in front of the live server.

Data is committed (transactional tests) so that the live server's thread sees it; Wagtail
purges this Varnish through the ``varnish`` fixture (tests/varnish.py).
"""

import html
import http.cookiejar
import http.server
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.core.files.base import ContentFile
from wagtail.test.utils.form_data import querydict_from_html

from comments.models import Comment
from registrations import services
from tests.factories import (
    ColloquiumDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    PersonFactory,
    StandardPageFactory,
    pdf_bytes,
)
from tests.varnish import render_vcl, running_varnish

pytestmark = [
    pytest.mark.xdist_group("varnish"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-de-test"


def text(response):
    return html.unescape(response.text)


@pytest.fixture
def association(home_page):
    return StandardPageFactory(
        title="L'association", slug="association", introduction="Qui nous sommes."
    )


def test_a_repeat_anonymous_visit_is_served_from_the_cache(varnish, association):
    first = varnish.get("/association/")
    assert (first.status, first.cache) == (200, "MISS")
    second = varnish.get("/association/")
    assert (second.status, second.cache) == (200, "HIT")
    assert second.body == first.body
    assert "Qui nous sommes." in text(second)
    assert varnish.request("HEAD", "/association/").cache == "HIT"
    # Cookies other than the session's, the browser's language and campaign
    # parameters do not make another copy.
    assert varnish.get("/association/", {"Cookie": "csrftoken=abc; _ga=GA1.2.3"}).cache == "HIT"
    assert varnish.get("/association/", {"Accept-Language": "en-GB,en"}).cache == "HIT"
    assert varnish.get("/association/?utm_source=lettre&utm_medium=email").cache == "HIT"
    # Browsers are told to come back: only Varnish can be purged.
    assert second.headers["Cache-Control"] == "no-cache"


def session_cookie(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def test_a_signed_in_editor_is_never_served_the_cached_page(
    varnish, association, client, django_user_model
):
    assert varnish.get("/association/").cache == "MISS"
    cookie = session_cookie(client, django_user_model)
    for _ in range(2):
        editor = varnish.get("/association/", {"Cookie": f"csrftoken=abc; {cookie}"})
        assert editor.cache == "MISS"
        # Wagtail's user bar (edit this page) is for the editor alone.
        assert "wagtail-userbar" in editor.text
    anonymous = varnish.get("/association/")
    assert anonymous.cache == "HIT"
    assert "wagtail-userbar" not in anonymous.text


def test_posts_and_the_admin_go_to_django(varnish, association):
    assert varnish.get("/association/").cache == "MISS"
    for _ in range(2):
        assert varnish.request("POST", "/association/", body=b"").cache == "MISS"
        login = varnish.get("/admin/login/")
        assert (login.status, login.cache) == (200, "MISS")
        assert "csrftoken" in login.headers.get("Set-Cookie", "")
    assert varnish.get("/association/").cache == "HIT"


def test_a_registrants_own_page_is_never_stored(varnish, home_page):
    event = EventPageFactory(slug="marseille", registration_open=True, registration_capacity=5)
    registration = services.register(event, name="Camille Martin", email="camille@example.org")
    path = f"{event.url}inscription/{registration.token}/"
    for _ in range(2):
        status = varnish.get(path)
        assert (status.status, status.cache) == (200, "MISS")
        assert "Camille Martin" in text(status)
        assert "private" in status.headers["Cache-Control"]


def test_a_purge_empties_the_cache_for_the_page_and_its_listings(varnish, association):
    for path in ("/association/", "/association/?page=2"):
        varnish.get(path)
        assert varnish.get(path).cache == "HIT"
    purge = varnish.purge("/association/")
    assert purge.status == 200
    # Every variant of the path goes: "?page=2" of a listing too.
    assert varnish.get("/association/").cache == "MISS"
    assert varnish.get("/association/?page=2").cache == "MISS"
    assert varnish.get("/association/").cache == "HIT"


class ThroughVarnish:
    """An editor's browser: cookies kept, redirects followed, every request via Varnish."""

    def __init__(self, varnish):
        self.base = varnish.url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def cookie(self, name):
        return next(cookie.value for cookie in self.jar if cookie.name == name)

    def log_in(self, username):
        _status, page = self.open("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, page = self.open(
            "/admin/login/",
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": PASSWORD,
                "next": "/admin/",
            },
        )
        assert status == 200 and "Tableau de bord" in page, re.sub(r"\s+", " ", page)[600:2500]


def test_a_change_published_in_the_admin_is_read_back_within_a_second(
    varnish, home_page, django_user_model
):
    index = EventIndexPageFactory(title="Colloques", slug="colloques", show_in_menus=True)
    django_user_model.objects.create_superuser("edith", "edith@example.org", PASSWORD)
    for path, cache in (("/colloques/", "MISS"), ("/colloques/", "HIT"), ("/", "MISS")):
        assert varnish.get(path).cache == cache

    # The editor works through Varnish too: the admin and their session are passed.
    editor = ThroughVarnish(varnish)
    editor.log_in("edith")
    edit = f"/admin/pages/{index.pk}/edit/"
    _status, page = editor.open(edit)
    data = querydict_from_html(page, form_id="page-edit-form")
    data["title"] = "Les colloques de l'ANDELIS"
    # querydict_from_html drops this checked box (the browser sends it).
    data["show_in_menus"] = "on"
    data["action-publish"] = "action-publish"
    # The admin's scripts send the CSRF token from its cookie; so does this editor.
    data["csrfmiddlewaretoken"] = editor.cookie("csrftoken")
    status, page = editor.open(edit, {key: data.getlist(key) for key in data})
    published = time.monotonic()
    assert status == 200 and "a été publiée" in page, re.sub(r"\s+", " ", page)[:3000]

    visitor = varnish.get("/colloques/")
    assert time.monotonic() - published < 1
    assert visitor.cache == "MISS"
    assert "<h1>Les colloques de l'ANDELIS</h1>" in text(visitor)
    # The home page's menu shows the index's title.
    home = varnish.get("/")
    assert home.cache == "MISS" and "Les colloques de l'ANDELIS" in text(home)


# What the event page shows changes without it being published -------------------------


@pytest.fixture
def event(home_page):
    event = EventPageFactory(
        title="Colloque de Marseille",
        slug="marseille",
        registration_open=True,
        registration_capacity=40,
    )
    event.venue.name = "Cité des métiers"
    event.venue.save()
    return event


CHANGES = {}


def change(name):
    def register(function):
        CHANGES[name] = function
        return function

    return register


@change("venue")
def _venue(event):
    """(setup, change, what the page shows after the change)"""

    def edit():
        event.venue.name = "Palais du Pharo"
        event.venue.save()

    return edit, "Palais du Pharo"


@change("person")
def _person(event):
    person = PersonFactory(name="Robert Lafore", affiliation="Sciences Po Bordeaux")
    EventSpeakerFactory(page=event, person=person)

    def edit():
        person.affiliation = "Professeur émérite de droit public"
        person.save()

    return edit, "Professeur émérite de droit public"


@change("partner")
def _partner(event):
    link = EventPartnerFactory(page=event)

    def edit():
        link.partner.name = "Institut méditerranéen de formation"
        link.partner.save()

    return edit, "Institut méditerranéen de formation"


@change("document")
def _document(event):
    document = ColloquiumDocumentFactory(title="Programme", pages=1)
    event.poster = document
    event.save_revision().publish()

    def edit():
        document.file = ContentFile(pdf_bytes("Programme", pages=3), name="programme.docx")
        document._set_document_file_metadata()
        document.save()

    return edit, "DOCX"


@change("comment")
def _comment(event):
    comment = Comment.objects.create(
        page=event, author_name="Léa Fontaine", email="lea@example.org", text="Passionnant."
    )

    def edit():
        comment.status = Comment.Status.APPROVED
        comment.save()

    return edit, "Léa Fontaine"


@change("registration")
def _registration(event):
    def edit():
        services.register(event, name="Camille Martin", email="camille@example.org")

    return edit, "Il reste 39 places"


@pytest.mark.parametrize("name", CHANGES)
def test_what_the_event_page_shows_is_purged_when_it_changes(varnish, event, name):
    edit, shown = CHANGES[name](event)
    assert varnish.get(event.url).cache == "MISS"
    before = varnish.get(event.url)
    assert before.cache == "HIT", "the event page must be cacheable"
    assert shown not in text(before)

    edit()

    after = varnish.get(event.url)
    assert after.cache == "MISS"
    assert shown in text(after)
    assert varnish.get(event.url).cache == "HIT"


# The VCL itself ----------------------------------------------------------------------------


class Named(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.name.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def two_app_servers():
    servers = []
    for name in ("un", "deux"):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Named)
        server.name = name
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield [f"127.0.0.1:{server.server_address[1]}" for server in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=False)
def test_two_app_servers_answer_in_turn(two_app_servers):
    # Operators' addresses may purge too (the renderer's --purger).
    with running_varnish(two_app_servers, purgers=["10.0.0.0/24", "192.0.2.7"]) as varnish:
        answers = [varnish.get(f"/page-{n}/").text for n in range(4)]
    assert answers == ["un", "deux", "un", "deux"]


@pytest.mark.django_db(transaction=False)
def test_the_vcl_takes_backends_and_purgers():
    vcl = render_vcl(["10.0.0.5:8000", "[::1]:8001"], purgers=["10.0.0.0/24", "192.0.2.7"])
    assert '.host = "10.0.0.5";' in vcl and '.port = "8001";' in vcl
    assert "app.add_backend(app1);\n    app.add_backend(app2);" in vcl
    assert '"10.0.0.0"/24;' in vcl and '"192.0.2.7";' in vcl and '"127.0.0.1";' in vcl
    with pytest.raises(ValueError, match="HOST:PORT"):
        render_vcl(["localhost"])
