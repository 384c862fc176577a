"""The site's own address follows the environment: every absolute link names it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import Site

from comments.models import Comment
from comments.notifications import notify_moderators
from tests.factories import EventPageFactory
from tests.registrations.registration_helpers import attached_calendar, register

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "http://colloque.example:8123"


@pytest.fixture
def event(db):
    return EventPageFactory(title="Colloque de Nantes", registration_open=True)


@pytest.fixture
def addressed(settings, event):
    settings.WAGTAILADMIN_BASE_URL = ADDRESS
    settings.ANDELIS_SITE_URL = ADDRESS
    call_command("sync_site_address", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return event


def test_the_command_gives_the_default_site_the_configured_host_and_port(settings, event, capsys):
    settings.ANDELIS_SITE_URL = ADDRESS
    call_command("sync_site_address")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("colloque.example", 8123)
    assert "Adresse du site : http://colloque.example:8123" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("url", "hostname", "port"),
    [
        ("https://colloques.andelis.fr", "colloques.andelis.fr", 443),
        ("http://127.0.0.1:8000/", "127.0.0.1", 8000),
        ("http://Colloques.Andelis.fr", "colloques.andelis.fr", 80),
    ],
)
def test_usual_addresses(event, url, hostname, port):
    call_command("sync_site_address", url=url, stdout=open(os.devnull, "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    assert site.root_url == url.rstrip("/").lower()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("colloques.andelis.fr", "Adresse du site invalide"),
        ("http://colloques.andelis.fr:port", "Adresse du site invalide"),
        ("https://colloques.andelis.fr:8443", "https:// que pour le port 443"),
    ],
)
def test_a_bad_address_is_refused_in_french_and_changes_nothing(event, url, message):
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)

    with pytest.raises(CommandError, match=message):
        call_command("sync_site_address", url=url)

    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before


def test_an_address_another_site_holds_is_refused(event):
    Site.objects.create(hostname="autre.example", port=80, root_page=event)
    with pytest.raises(CommandError, match="Un autre site"):
        call_command("sync_site_address", url="http://autre.example")
    assert Site.objects.get(is_default_site=True).hostname != "autre.example"


def test_canonical_and_opengraph_name_the_configured_address(client, addressed):
    html = client.get(addressed.url).content.decode()

    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)
    assert canonical == og_url == ADDRESS + addressed.url


def test_the_sitemap_names_the_configured_address(client, addressed):
    xml = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert ADDRESS + addressed.url in locations
    assert all(location.startswith(ADDRESS + "/") for location in locations), locations


def test_the_ics_names_the_configured_address(client, addressed):
    ics = client.get(f"/agenda/{addressed.slug}.ics").content.decode()

    assert f"URL:{ADDRESS}{addressed.url}" in ics.replace("\r\n ", "")


def test_the_registration_e_mail_and_its_ics_name_the_configured_address(
    client, addressed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave on commit
        register(client, addressed)

    (message,) = mail.outbox
    assert f"{ADDRESS}{addressed.url}" in message.body
    assert re.search(rf"{re.escape(ADDRESS)}\S+/inscription/[\w-]+/annuler/", message.body)
    assert "localhost" not in message.body
    (component,) = attached_calendar(message).walk("VEVENT")
    assert str(component["URL"]) == ADDRESS + addressed.url


def test_the_moderators_e_mail_names_the_configured_address(addressed, moderator):
    moderator.email = "mona@example.org"
    moderator.save()
    comment = Comment.objects.create(
        page=addressed, author_name="Marion", email="marion@example.org", text="Une question"
    )

    assert notify_moderators(comment) == 1

    (message,) = mail.outbox
    assert f"{ADDRESS}/admin/snippets/core/comment/edit/{comment.pk}/" in message.body
    assert ":8000" not in message.body


def test_make_run_gives_the_development_settings_its_port():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WAGTAILADMIN_BASE_URL", "ANDELIS_SITE_URL", "DATABASE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="andelis.settings.dev", PORT="8123")
    script = (
        "from django.conf import settings;"
        "print(settings.WAGTAILADMIN_BASE_URL, settings.ANDELIS_SITE_URL)"
    )
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert output == ["http://127.0.0.1:8123", "http://127.0.0.1:8123"]

    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    commands = [line for line in plan.splitlines() if "manage.py" in line]
    sync = next(i for i, line in enumerate(commands) if "sync_site_address" in line)
    demo = next(i for i, line in enumerate(commands) if "load_demo_content" in line)
    serve = next(i for i, line in enumerate(commands) if "runserver 127.0.0.1:8123" in line)
    assert demo < sync < serve
    assert all("PORT=8123" in line for line in commands)
