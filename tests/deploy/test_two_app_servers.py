"""Two app servers behind Varnish: whichever answers, the visitor and the editor see one site.

The stack of docs/deployment.md, on the loopback interface: two gunicorn instances started
from the Procfile's ``web`` line with the production settings, on two ports, behind the
project's Varnish in round-robin; both share the test's PostgreSQL database, one Redis
database and one S3 bucket on a moto server. Data is committed (transactional tests) so
that the servers see it.

Which server answered a request is read from the servers' own request logs: each request
carries an ``X-Request-ID`` of the test's making, which Varnish passes on and the server
that answers writes in its log line.
"""

import html
import http.client
import json
import re
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

import boto3
import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from comments.models import Comment
from core.models import ColloquiumDocument
from tests.factories import EventPageFactory, StandardPageFactory, pdf_bytes
from tests.servers import Gunicorn, database_url, free_port, production_environment
from tests.varnish import running_varnish

pytestmark = [
    pytest.mark.xdist_group("servers"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REGION = "us-east-1"
PASSWORD = "un-mot-de-passe-pour-les-deux-serveurs"
# A Redis database of its own, emptied first: the rate limit counts only this test's posts.
REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory, django_db_setup):
    """The static files collected as a deployment does (the production storage needs
    their manifest)."""
    root = tmp_path_factory.mktemp("static")
    call_command_in_production("collectstatic", "--no-input", "-v", "0", DJANGO_STATIC_ROOT=root)
    return root


def call_command_in_production(*args, **variables):
    import subprocess
    import sys

    from tests.servers import ROOT

    environment = production_environment(
        DATABASE_URL=database_url(connection.settings_dict), **variables
    )
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True, timeout=300
    )


class Stack:
    def __init__(self, varnish, servers, bucket, s3):
        self.varnish = varnish
        self.servers = servers
        self.bucket = bucket
        self.s3 = s3

    def server_of(self, request_id):
        """The name ("A" or "B") of the server that answered this request, or None (a hit)."""
        needle = f'"request_id": "{request_id}"'
        for name, server in self.servers.items():
            if needle in server.log():
                return name
        return None


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, s3_endpoint, static_root):
    logs = tmp_path_factory.mktemp("servers")
    bucket = f"andelis-media-{uuid.uuid4().hex[:12]}"
    credentials = {
        "AWS_ACCESS_KEY_ID": "andelis-test",
        "AWS_SECRET_ACCESS_KEY": "andelis-test-secret",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=credentials["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=credentials["AWS_SECRET_ACCESS_KEY"],
    )
    s3.create_bucket(Bucket=bucket)
    ports = {"A": free_port(), "B": free_port()}
    with running_varnish([f"127.0.0.1:{port}" for port in ports.values()]) as varnish:
        environment = production_environment(
            DATABASE_URL=database_url(connection.settings_dict),
            # The test signs what the servers check (the comment form's timestamp).
            DJANGO_SECRET_KEY=settings.SECRET_KEY,
            REDIS_URL=REDIS_URL,
            DJANGO_STATIC_ROOT=static_root,
            AWS_STORAGE_BUCKET_NAME=bucket,
            AWS_S3_ENDPOINT_URL=s3_endpoint,
            AWS_S3_REGION_NAME=REGION,
            VARNISH_URL=varnish.url,
            # Wagtail 8 sends purges as tasks. In production the worker runs them (the
            # Procfile's worker line, tested in test_procfile.py); here they run in the
            # request of the server that answered, which is what this module is about.
            DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            WEB_CONCURRENCY=2,
            # The administrator of these tests signs in with a password alone: two-factor
            # authentication is tested on its own (tests/core/test_twofactor.py).
            ANDELIS_2FA_REQUIRED="false",
            **credentials,
        )
        servers = {
            name: Gunicorn(environment, logs / f"gunicorn-{name}.log", port=port)
            for name, port in ports.items()
        }
        try:
            for server in servers.values():
                server.wait_until_up()
            yield Stack(varnish, servers, bucket, s3)
        finally:
            for server in servers.values():
                server.stop()


class Browser:
    """A visitor's cookies and requests through Varnish, one request id each."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies = {}
        self.answered_by = []

    def request(self, method, path, body=None, headers=None):
        request_id = uuid.uuid4().hex
        headers = {"X-Request-ID": request_id, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        varnish = self.stack.varnish
        connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _equals, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "expires=Thu, 01 Jan 1970" not in rest:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        server = self.stack.server_of(request_id)
        self.answered_by.append(server)
        return Answer(answer.status, answer.headers, content, server)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, files=None):
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers={"Content-Type": content_type})

    def csrf_fields(self, answer):
        """The form's CSRF token, or the cookie's (what Wagtail's scripts send)."""
        token = FormFields.parse(answer.text).get("csrfmiddlewaretoken")
        token = token or self.cookies.get("csrftoken")
        return {"csrfmiddlewaretoken": token} if token else {}

    def next_fetch_on(self, name):
        """Make the next request that reaches a server go to ``name`` (round-robin)."""
        for _attempt in range(4):
            if self.get("/sante/").server not in (None, name):
                return
        raise AssertionError("the servers do not take turns")


class Answer:
    def __init__(self, status, headers, body, server):
        self.status, self.headers, self.body, self.server = status, headers, body, server

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class FormFields(HTMLParser):
    """The named inputs and textareas of a page, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self._textarea = None

    @classmethod
    def parse(cls, text):
        parser = cls()
        parser.feed(text)
        return parser.fields

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "file"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields.setdefault(self._textarea, "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def min_seconds():
    return getattr(settings, "FORMS_MIN_SECONDS", getattr(settings, "COMMENTS_MIN_SECONDS", 3))


def form_tokens(browser, page_html, fields, count):
    """A token per post: from the form-token endpoint when the page names one (a page the
    front cache serves to everyone: single-use tokens), else the page's own field."""
    endpoint = re.search(r'data-form-token="([^"]+)"', page_html)
    if endpoint is None:
        return [fields["started"]] * count
    url = html.unescape(endpoint.group(1))
    return [json.loads(browser.get(url).body)["token"] for _ in range(count)]


def make_editor():
    """A superuser whose password the servers' hasher (PBKDF2, as in production) checks."""
    user = get_user_model().objects.create_superuser(
        username="editrice", email="editrice@example.org", password=None
    )
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "deuxserveurs")
    user.save()
    return user


def log_in(browser):
    form = browser.get("/admin/login/")
    assert form.status == 200
    answer = browser.post(
        "/admin/login/",
        {"username": "editrice", "password": PASSWORD, **browser.csrf_fields(form)},
    )
    assert answer.status == 302, answer.text[:500]
    assert "sessionid" in browser.cookies
    return answer


# --- The tests ------------------------------------------------------------------------


def test_a_session_opened_on_one_server_is_used_on_the_other(stack):
    make_editor()
    browser = Browser(stack)

    login = log_in(browser)
    dashboards = [browser.get("/admin/") for _ in range(4)]

    assert login.server in ("A", "B")
    # Passed by Varnish (a session cookie), the requests take turns on the two servers.
    assert {answer.server for answer in dashboards} == {"A", "B"}
    for answer in dashboards:
        assert answer.status == 200, (answer.server, answer.status)
        assert "Tableau de bord" in answer.text or "editrice" in answer.text
    # Logging out on one server ends the session on both.
    logout_page = browser.get("/admin/")
    logout = browser.post("/admin/logout/", browser.csrf_fields(logout_page))
    assert logout.status == 302
    after = [browser.get("/admin/") for _ in range(2)]
    assert {answer.server for answer in after} == {"A", "B"}
    assert [answer.status for answer in after] == [302, 302]
    assert all("/admin/login/" in answer.headers["Location"] for answer in after)


def test_the_comment_rate_limit_counts_posts_on_both_servers_together(stack):
    redis.Redis.from_url(REDIS_URL).flushdb()
    event = EventPageFactory(title="Colloque à deux serveurs")
    browser = Browser(stack)
    page = browser.get(event.url)
    assert page.status == 200
    fields = FormFields.parse(page.text)
    action = html.unescape(re.search(r'action="(/commentaires/\d+/)[^"]*"', page.text).group(1))
    limit = int(settings.COMMENTS_RATE_LIMIT.split("/")[0])
    tokens = form_tokens(browser, page.text, fields, count=limit + 2)
    # A form's token must be a few seconds old (a person needs time to write).
    time.sleep(min_seconds() + 0.5)

    answers = []
    for number, token in enumerate(tokens):
        answers.append(
            browser.post(
                action,
                {
                    **fields,
                    "started": token,
                    "author_name": f"Visiteur {number}",
                    "email": f"visiteur{number}@example.org",
                    "text": f"Commentaire numéro {number}.",
                },
            )
        )

    accepted = answers[:limit]
    refused = answers[limit:]
    assert [answer.status for answer in accepted] == [302] * limit, [
        (a.status, a.server) for a in answers
    ]
    assert [answer.status for answer in refused] == [429, 429]
    # The posts were spread over both servers, and so were the refusals.
    assert {answer.server for answer in accepted} == {"A", "B"}
    assert {answer.server for answer in refused} == {"A", "B"}
    assert "beaucoup de commentaires" in html.unescape(refused[0].text)
    assert Comment.objects.filter(page=event).count() == limit


def test_a_document_uploaded_through_one_server_is_served_by_the_other(stack):
    make_editor()
    browser = Browser(stack)
    log_in(browser)
    content = pdf_bytes("Programme du colloque à deux serveurs", pages=2)

    form = browser.get("/admin/documents/add/")
    assert form.status == 200
    upload = browser.post(
        "/admin/documents/add/",
        {"title": "Programme", "collection": "1", "tags": "", **browser.csrf_fields(form)},
        files={"file": ("programme.pdf", content)},
    )
    assert upload.status == 302, upload.text[:1000]
    document = ColloquiumDocument.objects.get(title="Programme")
    # Stored in the shared bucket, not on the disk of the server that received it.
    stored = stack.s3.get_object(Bucket=stack.bucket, Key=document.file.name)["Body"].read()
    assert stored == content

    downloads = [Browser(stack).get(document.url) for _ in range(2)]

    assert {answer.server for answer in downloads} == {"A", "B"}
    for answer in downloads:
        assert answer.status == 200
        assert answer.body == content
        assert answer.headers["Content-Type"] == "application/pdf"


def test_a_purge_sent_by_either_server_reaches_varnish(stack):
    make_editor()
    page = StandardPageFactory(title="Page purgée", slug="page-purgee")
    editor = Browser(stack)
    log_in(editor)
    visitor = Browser(stack)

    first, second = visitor.get(page.url), visitor.get(page.url)
    assert (first.status, second.status) == (200, 200)
    assert second.headers["X-Cache"] == "HIT"

    purged_by = []
    for server in ("A", "B"):
        # Unpublish through this server: Wagtail purges the page from Varnish.
        confirm = editor.get(f"/admin/pages/{page.pk}/unpublish/")
        editor.next_fetch_on(server)
        unpublish = editor.post(f"/admin/pages/{page.pk}/unpublish/", editor.csrf_fields(confirm))
        assert unpublish.status == 302, unpublish.text[:500]
        purged_by.append(unpublish.server)
        gone = visitor.get(page.url)
        assert gone.status == 404
        assert gone.headers["X-Cache"] == "MISS"

        # Publish it again through the same server, purging the cached 404.
        bulk = f"/admin/bulk/wagtailcore/page/publish/?{urlencode({'id': page.pk})}"
        confirm = editor.get(bulk)
        editor.next_fetch_on(server)
        publish = editor.post(bulk, editor.csrf_fields(confirm))
        assert publish.status == 302, publish.text[:500]
        purged_by.append(publish.server)
        back = visitor.get(page.url)
        assert back.status == 200
        assert back.headers["X-Cache"] == "MISS"
        assert visitor.get(page.url).headers["X-Cache"] == "HIT"

    assert purged_by == ["A", "A", "B", "B"]


def test_both_servers_report_the_shared_components_healthy(stack):
    browser = Browser(stack)
    answers = [browser.get("/sante/") for _ in range(2)]

    assert {answer.server for answer in answers} == {"A", "B"}
    for answer in answers:
        assert answer.status == 200
        assert json.loads(answer.body)["checks"] == {
            "database": "ok",
            "cache.default": "ok",
            "cache.ratelimit": "ok",
            "storage": "ok",
        }
        # Never kept by Varnish.
        assert answer.headers["X-Cache"] == "MISS"
