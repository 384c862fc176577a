"""A visitor can post each form on a page served from the front cache (Varnish).

Chromium loads the page twice through Varnish, so that the second copy is a cache HIT,
the same HTML for everyone; static/js/form-token.js then fetches the visitor's token
(passed by Varnish), and the post (passed too) reaches Django. Screenshots go to
test-artifacts/screens/cache-*.png.
"""

import pytest

from comments.models import Comment
from registrations.models import Registration
from tests.browser.visitor_forms import TOKEN_FILLED, send_comment, send_registration
from tests.factories import EventPageFactory
from tests.varnish import varnish as varnish_fixture

varnish = varnish_fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def event(db):
    return EventPageFactory(
        title="Colloque de Lyon", registration_open=True, registration_capacity=30
    )


@pytest.fixture
def quick_forms(settings):
    # The live server runs in this process: one second is the minimum a person takes here.
    settings.FORMS_MIN_SECONDS = 1


def load_from_cache(page, url):
    """Open ``url`` twice; the second answer must come from Varnish's cache."""
    assert page.goto(url).headers["x-cache"] == "MISS"
    response = page.goto(url)
    assert response.headers["x-cache"] == "HIT"
    page.wait_for_function(TOKEN_FILLED)
    return response


def test_a_visitor_comments_on_a_cached_page(varnish, event, page, artifacts, quick_forms):
    load_from_cache(page, varnish.url + event.url)

    send_comment(page)

    assert page.url.startswith(varnish.url)
    assert page.get_by_text("Merci, votre commentaire sera publié après modération.").is_visible()
    page.screenshot(path=artifacts("screens", "cache-commentaire.png"), full_page=True)
    assert Comment.objects.get().text == "Les vidéos seront-elles en ligne ?"


def test_a_visitor_registers_from_a_cached_page(varnish, event, page, artifacts, quick_forms):
    load_from_cache(page, varnish.url + event.url)
    assert page.get_by_text("Il reste 30 places").is_visible()
    page.get_by_role("link", name="S'inscrire").click()
    page.wait_for_load_state()
    page.wait_for_function(TOKEN_FILLED)

    send_registration(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    page.screenshot(path=artifacts("screens", "cache-inscription.png"), full_page=True)
    assert Registration.objects.get().email == "alice@example.org"

    # The seat taken purged the event page: the next visitor sees one seat fewer.
    response = page.goto(varnish.url + event.url)
    assert response.headers["x-cache"] == "MISS"
    assert page.get_by_text("Il reste 29 places").is_visible()
    page.screenshot(path=artifacts("screens", "cache-colloque.png"), full_page=True)
