"""Fragments of public pages come from the cache, and go when what they show changes.

These tests use the production cache backend (django-redis on the local Redis), under a
key prefix of their own; the rest of the suite renders without a fragment cache.
"""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from comments.models import Comment
from core.signals import pages_changed
from events.models import Venue
from tests.factories import (
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    ProgrammeItemFactory,
    StandardPageFactory,
)

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def fragment_cache(settings):
    """A Redis fragment cache that only this test uses, emptied afterwards."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "fragments_test": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"andelis-test-fragments-{uuid.uuid4().hex}",
        },
    }
    settings.ANDELIS_FRAGMENT_CACHE = "fragments_test"
    yield caches["fragments_test"]
    caches["fragments_test"].delete_pattern("*")


@pytest.fixture
def event(db):
    event = EventPageFactory(title="Colloque de Marseille", registration_open=True)
    for number in range(3):
        speaker = EventSpeakerFactory(page=event).person
        ProgrammeItemFactory(page=event, title=f"Intervention {number}", speakers=[speaker])
        EventPartnerFactory(page=event)
    return event


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def visit_until_kept(client, url):
    """Three visits: Wagtail's view keeps the address, the next one the page, the third
    is served from them (core/serving.py)."""
    for _visit in range(3):
        visit(client, url)


def without_form_values(html):
    return re.sub(r'(name="(?:csrfmiddlewaretoken|started)" value=)"[^"]*"', r"\1", html)


def test_a_second_visit_reads_the_page_from_its_fragments(client, fragment_cache, event):
    first, first_queries = visit(client, event.url)
    second, second_queries = visit(client, event.url)

    # The same page, but for the comment form's per-visitor values (kept out of fragments).
    assert without_form_values(second) == without_form_values(first)
    assert "Intervention 2" in second
    # Routing (site, home page, the page) is all that is left: no programme, speakers,
    # partners, settings, menu or comments.
    assert second_queries <= 4 < first_queries


def test_the_fragments_do_not_grow_with_the_programme(client, fragment_cache, event):
    large = EventPageFactory(title="Grand colloque")
    for number in range(20):
        speaker = EventSpeakerFactory(page=large).person
        ProgrammeItemFactory(page=large, title=f"Atelier {number}", speakers=[speaker])
        EventPartnerFactory(page=large)

    counts = []
    for page in (event, large):
        visit(client, page.url)
        counts.append(visit(client, page.url)[1])

    assert counts[0] == counts[1]


def test_republishing_the_page_drops_its_fragments(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit(client, event.url)

    event.title = "Colloque de Marseille, nouvelle édition"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    event.refresh_from_db()
    html, _count = visit(client, event.url)

    assert "<h1>Colloque de Marseille, nouvelle édition</h1>" in html


def test_pages_changed_drops_the_fragments_of_the_pages_it_names(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit(client, event.url)
    # Written without any signal: the page keeps showing its fragment…
    Venue.objects.filter(pk=event.venue_id).update(name="Cité des associations")
    Comment.objects.create(
        page=event,
        author_name="Lucie",
        email="lucie@example.org",
        text="Merci pour cette journée.",
        status=Comment.Status.APPROVED,
    )
    html, _count = visit(client, event.url)
    assert "Cité des associations" not in html
    assert "Merci pour cette journée." not in html

    # …until the app that owns the change says which pages show it.
    other = EventPageFactory(title="Autre colloque")
    visit(client, other.url)
    with django_capture_on_commit_callbacks(execute=True):
        pages_changed.send(sender=Venue, pages=[event])
    html, _count = visit(client, event.url)
    other_html, other_queries = visit(client, other.url)

    assert "Cité des associations" in html
    assert "Merci pour cette journée." in html
    assert "Autre colloque" in other_html
    assert other_queries <= 4  # a page it does not name keeps its fragments


def test_publishing_another_page_updates_every_menu(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit(client, event.url)
    home = event.get_parent().get_parent()

    with django_capture_on_commit_callbacks(execute=True):
        about = StandardPageFactory(parent=home, title="Qui sommes-nous", show_in_menus=True)
        about.save_revision().publish()
    html, _count = visit(client, event.url)

    assert "Qui sommes-nous</a>" in html


def test_what_is_said_to_one_visitor_is_not_kept_for_the_next(client, fragment_cache, event):
    thanks, _count = visit(client, event.url + "?commentaire=merci")
    plain, _count = visit(client, event.url)

    assert "Merci, votre commentaire sera publié après modération." in thanks
    assert "Merci, votre commentaire sera publié après modération." not in plain


def test_an_editor_user_bar_is_not_kept_for_anonymous_visitors(client, fragment_cache, event):
    editor = get_user_model().objects.create_superuser("edith", "edith@example.org", "x")
    client.force_login(editor)
    as_editor, _count = visit(client, event.url)
    client.logout()
    anonymous, _count = visit(client, event.url)

    assert "wagtail-userbar" in as_editor
    assert "wagtail-userbar" not in anonymous


def test_a_preview_shows_the_draft_not_the_cached_page(client, fragment_cache, event):
    visit(client, event.url)
    event.title = "Titre du brouillon"
    event.save_revision()

    preview = event.make_preview_request().content.decode()
    live, _count = visit(client, event.url)

    assert "<h1>Titre du brouillon</h1>" in preview
    assert "<h1>Colloque de Marseille</h1>" in live


def test_a_page_made_private_is_no_longer_served_from_the_cache(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit(client, event.url)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    response = client.get(event.url)

    assert "Intervention 0" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_redis_that_does_not_answer_costs_the_fragments_not_the_page(client, settings, event):
    settings.CACHES = {
        **settings.CACHES,
        "fragments_down": {
            "BACKEND": "django_redis.cache.RedisCache",
            # Nothing listens on port 1.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        },
    }
    settings.ANDELIS_FRAGMENT_CACHE = "fragments_down"

    html, _count = visit(client, event.url)

    assert "Intervention 2" in html


# --- Where an address leads, kept with the page (core/serving.py) ---------------------


def test_a_page_visited_twice_is_then_served_without_a_query(client, fragment_cache, event):
    visit(client, event.url)  # routed by Wagtail: the address is kept
    visit(client, event.url)  # the page is kept, as read after its token
    html, queries = visit(client, event.url)

    assert queries == 0
    assert "<h1>Colloque de Marseille</h1>" in html
    assert "Intervention 2" in html


def test_a_kept_page_gives_way_to_its_new_version(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit_until_kept(client, event.url)

    event.title = "Colloque de Marseille, nouvelle édition"
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    html, _count = visit(client, event.url)
    with django_capture_on_commit_callbacks(execute=True):
        Venue.objects.filter(pk=event.venue_id).update(name="Cité des associations")
        pages_changed.send(sender=Venue, pages=[event])
    html_after_venue, _count = visit(client, event.url)

    assert "<h1>Colloque de Marseille, nouvelle édition</h1>" in html
    assert "Cité des associations" in html_after_venue


def test_a_kept_page_that_is_unpublished_is_gone(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    visit_until_kept(client, event.url)

    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()

    assert client.get(event.url).status_code == 404


def test_a_kept_private_page_still_asks_for_its_password(
    client, fragment_cache, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    answers = [client.get(event.url).content.decode() for _visit in range(3)]

    for html in answers:
        assert 'name="password"' in html
        assert "Intervention 0" not in html


def test_a_sub_page_route_is_not_mistaken_for_its_page(client, fragment_cache, event):
    visit_until_kept(client, event.url)
    form, _count = visit(client, event.url + "inscription/")
    again, _count = visit(client, event.url)

    assert "<h1>S'inscrire au colloque</h1>" in form
    assert "<h1>S'inscrire au colloque</h1>" not in again
    assert "<h1>Colloque de Marseille</h1>" in again
