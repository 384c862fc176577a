"""The pages holding the visitors' forms can be served by a front cache.

The contract (core/forms_protection.py): the HTML of a page holding a comment or
registration form is the same for every visitor, with no CSRF token and an empty
token field; ``/formulaires/jeton/<page id>/`` hands out single-use tokens, never
cached; ``static/js/form-token.js`` fills them in; the posts are csrf-exempt;
without a token the form comes back (400, never cached) with the text kept and a
token of its own, and the second post goes through.
"""

import html
import re
import time

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.test import Client

from comments.models import Comment
from core.forms_protection import issue_token
from registrations.models import Registration
from tests.factories import EventPageFactory, ProceedingsPageFactory
from tests.form_tokens import fetch_token, token_url

pytestmark = pytest.mark.django_db

COMMENT = {"author_name": "Marion", "email": "marion@example.org", "text": "Faut-il s'inscrire ?"}
PERSON = {"name": "Camille Martin", "email": "camille@example.org", "consent": "on"}
EMPTY_TOKEN = '<input type="hidden" name="started" value="">'


@pytest.fixture
def event():
    return EventPageFactory(title="Colloque de Lyon", registration_open=True)


def registration_form_url(event):
    return event.url + event.reverse_subpage("registration")


def forms_in(content):
    return re.findall(r"<form [^>]*data-form-token=.*?</form>", content.decode(), re.S)


def embedded_token(content):
    match = re.search(r'<input type="hidden" name="started" value="([^"]+)">', content.decode())
    assert match, "no token in the answer"
    return match.group(1)


def visitors():
    """Two different visitors: another address, another browser, one with cookies."""
    first = Client(REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT="Firefox")
    second = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Chromium")
    second.cookies["csrftoken"] = "a" * 32
    return first, second


@pytest.mark.parametrize("which", ["event page", "registration page", "proceedings page"])
def test_a_page_holding_a_form_is_byte_identical_for_two_visitors(event, which):
    url = {
        "event page": lambda: event.url,
        "registration page": lambda: registration_form_url(event),
        "proceedings page": lambda: ProceedingsPageFactory(parent=event).url,
    }[which]()
    first, second = visitors()

    one, two = first.get(url), second.get(url)

    assert one.status_code == two.status_code == 200
    assert one.content == two.content
    forms = forms_in(one.content)
    assert len(forms) == 1
    form = forms[0]
    assert "csrfmiddlewaretoken" not in one.content.decode()
    assert EMPTY_TOKEN in form
    assert re.search(r'data-form-token="/formulaires/jeton/\d+/"', form)
    assert '<script src="/static/js/form-token.js" defer></script>' in one.content.decode()
    # Nothing personal: no cookie set, no "private" or "no-store" answer.
    assert not one.cookies and not two.cookies
    assert "no-store" not in one.get("Cache-Control", "")


def test_the_token_endpoint_answers_json_never_cached_and_sets_no_cookie(event):
    visitor = Client()

    first = visitor.get(token_url(event))
    second = visitor.get(token_url(event))

    assert first.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert first["Cache-Control"] == "private, no-store"
    assert not first.cookies and "Set-Cookie" not in first
    assert first.json()["token"] != second.json()["token"]
    assert visitor.get("/formulaires/jeton/999999/").status_code == 404
    assert visitor.post(token_url(event)).status_code == 405


def test_the_script_that_fills_the_token_is_an_external_file():
    script = finders.find("js/form-token.js")
    assert script, "static/js/form-token.js is missing"
    with open(script, encoding="utf-8") as file:
        source = file.read()
    assert "data-form-token" in source
    assert 'input[name="started"]' in source


def test_a_comment_posted_with_a_token_from_the_endpoint_needs_no_csrf_cookie(event):
    # Django's CSRF check is on, as in a browser: the token is what counts.
    browser = Client(enforce_csrf_checks=True)
    token = fetch_token(browser, event)

    response = browser.post(f"/commentaires/{event.pk}/", {**COMMENT, "started": token})

    assert response.status_code == 302
    # The thanks are at an address that is the same for everyone.
    assert response["Location"] == f"{event.url}?commentaire=merci#ajouter-un-commentaire"
    assert Comment.objects.get().text == COMMENT["text"]
    thanks = browser.get(response["Location"])
    assert "Merci, votre commentaire sera publié après modération." in thanks.content.decode()
    assert thanks.content == Client().get(response["Location"]).content


def test_a_registration_posted_with_a_token_from_the_endpoint_needs_no_csrf_cookie(event):
    browser = Client(enforce_csrf_checks=True)
    token = fetch_token(browser, event)

    response = browser.post(f"/inscriptions/{event.pk}/", {**PERSON, "started": token})

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert response["Location"].endswith(f"/inscription/{registration.token}/")
    # The person's own page is personal: never cached.
    own = browser.get(response["Location"])
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]


@pytest.mark.parametrize("form", ["comment", "registration"])
def test_without_javascript_the_form_comes_back_with_a_token_and_the_second_post_succeeds(
    event, form
):
    url, data = {
        "comment": (f"/commentaires/{event.pk}/", COMMENT),
        "registration": (f"/inscriptions/{event.pk}/", PERSON),
    }[form]
    browser = Client()

    with time_machine.travel(time.time(), tick=False) as clock:
        first = browser.post(url, data)

        assert first.status_code == 400
        assert first["Cache-Control"] == "private, no-store"
        page = html.unescape(first.content.decode())
        assert "vérifiez-le, puis envoyez-le à nouveau" in page
        assert (PERSON["name"] if form == "registration" else COMMENT["text"]) in page
        token = embedded_token(first.content)
        assert Comment.objects.count() + Registration.objects.count() == 0

        # The visitor reads the message, checks the form and sends it again.
        clock.shift(10)
        second = browser.post(url, {**data, "started": token})

    assert second.status_code == 302
    assert Comment.objects.count() + Registration.objects.count() == 1


@pytest.mark.parametrize("form", ["comment", "registration"])
def test_a_replayed_token_is_refused_and_the_text_kept(event, form):
    # The finding: one signed comment timestamp was replayed and accepted 8 times.
    url, data, stored = {
        "comment": (f"/commentaires/{event.pk}/", COMMENT, Comment.objects),
        "registration": (f"/inscriptions/{event.pk}/", PERSON, Registration.objects),
    }[form]
    browser = Client()
    token = fetch_token(browser, event)

    answers = []
    for number in range(8):
        # From eight addresses: the rate limit is not what stops them.
        answers.append(
            browser.post(
                url,
                {**data, "email": f"p{number}@example.org", "started": token},
                REMOTE_ADDR=f"192.0.2.{number + 1}",
            )
        )

    assert [a.status_code for a in answers] == [302] + [400] * 7
    assert stored.count() == 1
    replay = html.unescape(answers[-1].content.decode())
    assert "Ce formulaire a déjà été envoyé une fois." in replay
    assert 'value="p7@example.org"' in replay
    assert answers[-1]["Cache-Control"] == "private, no-store"


def test_a_token_is_bound_to_its_page_and_its_signature(event):
    other = EventPageFactory(registration_open=True)
    browser = Client()
    foreign = fetch_token(browser, other)
    forged = issue_token(event.pk, time.time() - 60)[:-2] + "xx"
    expired = issue_token(event.pk, time.time() - 2 * 24 * 3600)

    for token in (foreign, forged, expired):
        response = browser.post(f"/commentaires/{event.pk}/", {**COMMENT, "started": token})
        assert response.status_code == 400
        assert "Faut-il s&#x27;inscrire ?</textarea>" in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_page_never_published_asks_for_no_token():
    # An editor's preview: the endpoint serves live pages only, so no script asks it.
    from django.template import Context, Template

    draft = EventPageFactory(live=False)
    rendered = Template("{% load comment_tags %}{% comment_section page %}").render(
        Context({"page": draft})
    )
    assert EMPTY_TOKEN in rendered
    assert "form-token.js" not in rendered
