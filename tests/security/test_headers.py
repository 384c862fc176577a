"""Every page carries a Content-Security-Policy and a Permissions-Policy (issue 14, item 6)."""

import json

import pytest
from django.test import override_settings

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def directives(header):
    """{"script-src": ["'self'"], ...} from a policy header."""
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def public_page(home_page):
    return StandardPageFactory(parent=home_page, title="Mentions légales")


def test_a_public_page_has_the_strict_policy(client, public_page):
    response = client.get(public_page.url)

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_the_policy_is_the_same_for_every_visitor_so_the_front_cache_can_share_it(
    client, public_page
):
    first = client.get(public_page.url)
    client.cookies.clear()
    second = client.get(public_page.url)

    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]


def test_the_search_page_and_the_404_page_have_the_strict_policy(client, home_page):
    for path, status in (("/recherche/?q=colloque", 200), ("/cette-page-n-existe-pas/", 404)):
        response = client.get(path)
        assert response.status_code == status
        assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"], path


def test_the_admin_has_its_own_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's admin runs inline scripts and styles; nothing else is loosened.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # The page preview is a frame of the admin itself, never of another site.
    assert policy["frame-ancestors"] == ["'self'"]
    assert "nonce-" not in response["Content-Security-Policy"]


def test_no_public_template_runs_inline_script_or_style(client, public_page):
    """The strict policy would block them: everything comes from static files."""
    from html.parser import HTMLParser

    found = []

    class Inline(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            data_block = attributes.get("type") in ("application/ld+json", "application/json")
            if tag == "script" and not attributes.get("src") and not data_block:
                found.append(self.get_starttag_text())
            if tag == "style" or "style" in attributes:
                found.append(self.get_starttag_text())
            found.extend(f"{tag} {name}" for name in attributes if name.startswith("on"))

    for path in (public_page.url, "/recherche/?q=colloque", "/cette-page-n-existe-pas/"):
        Inline().feed(client.get(path).content.decode())
    assert found == []


def test_a_non_html_response_gets_no_csp_but_gets_the_permissions_policy(client, home_page):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/recherche/", "/robots.txt"])
def test_every_response_turns_off_the_features_the_site_never_uses(client, home_page, path):
    response = client.get(path)

    assert response.status_code == 200
    features = {
        item.split("=")[0].strip(): item.split("=")[1].strip()
        for item in response["Permissions-Policy"].split(",")
    }
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def test_media_on_s3_is_allowed_as_images_and_nothing_else(monkeypatch):
    """The image host is derived from the bucket settings, in a fresh settings module."""
    import subprocess
    import sys

    from tests.test_settings import ROOT

    environment = {
        "DJANGO_SETTINGS_MODULE": "andelis.settings.test",
        "AWS_STORAGE_BUCKET_NAME": "andelis-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    policy = json.loads(result.stdout.strip().splitlines()[-1])
    assert "https://s3.fr-par.scw.cloud" in policy["img-src"]
    assert "https://andelis-media.s3.fr-par.scw.cloud" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_the_report_only_switch_sends_the_same_policies_without_enforcing_them(
    client, public_page, settings
):
    strict = settings.CONTENT_SECURITY_POLICY
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=strict
    ):
        public = client.get(public_page.url)
        admin = client.get("/admin/login/")

    assert "Content-Security-Policy" not in public
    assert directives(public["Content-Security-Policy-Report-Only"])["script-src"] == ["'self'"]
    assert "Content-Security-Policy" not in admin
    assert "'unsafe-inline'" in admin["Content-Security-Policy-Report-Only"]


def test_the_report_only_switch_is_read_from_the_environment():
    import subprocess
    import sys

    from tests.test_settings import ROOT

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CONTENT_SECURITY_POLICY is None, "
            "settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['script-src'], "
            "settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES']['report-uri'], "
            "settings.ANDELIS_CSP_ADMIN_DIRECTIVES['report-uri'])",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "andelis.settings.test",
            "DJANGO_CSP_REPORT_ONLY": "true",
            "DJANGO_CSP_REPORT_URI": "https://rapports.andelis.example/csp",
            "PATH": "/usr/bin:/bin",
        },
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report_uri = "['https://rapports.andelis.example/csp']"
    assert result.stdout.strip().splitlines()[-1] == (
        f"True [\"'self'\"] {report_uri} {report_uri}"
    )
