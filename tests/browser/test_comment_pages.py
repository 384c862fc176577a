"""The comment section in every state a visitor meets is valid HTML with no axe
violation: published comments with the association's reply, the empty form, the
form with errors, a post refused as too fast, the thanks after a post.
Also a look at the moderators' list in the admin."""

import re
import time

import pytest
from django.contrib.auth import get_user_model

from comments.models import Comment
from core.forms_protection import issue_token
from events.models import EventPage
from publications.models import ProceedingsPage

from .checkers import axe_violations, vnu_errors

FORM_TOKEN_FILLED = (
    "() => document.querySelector('form[data-form-token] input[name=started]').value !== ''"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_comment_states_are_valid_html(demo_content, client, artifacts, settings):
    settings.FORMS_MIN_SECONDS = 60
    event = EventPage.objects.live().get()
    proceedings = ProceedingsPage.objects.live().get()
    url = f"/commentaires/{event.pk}/"
    valid = {"author_name": "Marion", "email": "marion@example.org", "text": "Bonjour"}
    responses = {
        "commentaires-publies": client.get(event.url),
        "commentaires-merci": client.get(event.url + "?commentaire=merci"),
        "commentaires-aucun": client.get(proceedings.url),
        "commentaires-erreurs": client.post(url, {"email": "pas une adresse", "started": ""}),
        "commentaires-trop-rapide": client.post(
            url, {**valid, "started": issue_token(event.pk, time.time())}
        ),
    }
    assert [r.status_code for r in responses.values()] == [200, 200, 200, 400, 400]
    assert Comment.objects.filter(text="Bonjour").count() == 0
    named_html = [(name, response.content) for name, response in responses.items()]
    assert vnu_errors(named_html, artifacts) == []


def test_a_visitor_comments_with_the_keyboard_and_mouse_and_axe_finds_nothing(
    demo_content, live_server, page, artifacts, settings
):
    # The live server runs in this process: the minimum time set here applies to it.
    # A long one makes the "too fast" step certain, even on a loaded machine.
    settings.FORMS_MIN_SECONDS = 60
    event = EventPage.objects.live().get()
    page.set_viewport_size({"width": 1280, "height": 900})
    failures = {}

    page.goto(live_server.url + event.url + "#commentaires")
    # form-token.js fills the form's empty token field from the endpoint.
    page.wait_for_function(FORM_TOKEN_FILLED)
    assert page.locator("li.comment").count() == 2
    assert page.get_by_text("Réponse de l'ANDELIS").is_visible()
    # People never see the honeypot, nor reach it with the keyboard.
    assert not page.locator("#id_site_internet").is_visible()
    page.locator("#commentaires").screenshot(path=artifacts("screens", "commentaires-publies.png"))
    failures["publies"] = axe_violations(page)

    # Sent empty: French errors, each linked to its field.
    page.get_by_role("button", name="Envoyer le commentaire").click()
    page.wait_for_load_state()
    assert page.get_by_text("Indiquez votre nom ou un pseudonyme.").first.is_visible()
    assert page.locator("#id_author_name").get_attribute("aria-invalid") == "true"
    page.locator("#commentaires").screenshot(path=artifacts("screens", "commentaires-erreurs.png"))
    failures["erreurs"] = axe_violations(page)

    # Filled in at robot speed: refused, the text kept, a polite "try again".
    page.get_by_label("Votre nom").fill("Marion")
    page.get_by_label("Votre adresse e-mail").fill("marion@example.org")
    page.get_by_label("Votre commentaire").fill("Faut-il s'inscrire ?")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    page.wait_for_load_state()
    assert page.get_by_text("n'a pas pu être envoyé").is_visible()
    assert page.get_by_label("Votre commentaire").input_value() == "Faut-il s'inscrire ?"
    page.locator("#commentaires").screenshot(
        path=artifacts("screens", "commentaires-trop-rapide.png")
    )
    failures["trop-rapide"] = axe_violations(page)

    # Once the minimum time has passed, the same form goes through and waits for moderation.
    settings.FORMS_MIN_SECONDS = 0
    page.get_by_role("button", name="Envoyer le commentaire").click()
    page.wait_for_load_state()
    assert page.get_by_text("Merci, votre commentaire sera publié après modération.").is_visible()
    assert page.locator("li.comment").count() == 2
    page.locator("#commentaires").screenshot(path=artifacts("screens", "commentaires-merci.png"))
    failures["merci"] = axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=artifacts("screens", "commentaires-merci-mobile.png"), full_page=True)

    assert Comment.objects.get(text="Faut-il s'inscrire ?").status == Comment.Status.PENDING
    assert {name: found for name, found in failures.items() if found} == {}


def test_moderators_list_screenshot(demo_content, live_server, page, artifacts, client):
    event = EventPage.objects.live().get()
    for number, text in enumerate(["Quand sont publiées les vidéos ?", "Achetez nos montres"]):
        Comment.objects.create(
            page=event, author_name=f"Visiteur {number}", email="v@example.org", text=text
        )
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + "/admin/snippets/core/comment/")
    page.screenshot(path=artifacts("screens", "admin-commentaires.png"), full_page=True)
    assert page.get_by_text("Achetez nos montres").is_visible()
    assert page.locator("td", has_text=re.compile(r"^\s*À modérer\s*$")).count() == 2
    assert page.locator("td", has_text=re.compile(r"^\s*Publié\s*$")).count() == 2

    comment = Comment.objects.get(text="Quand sont publiées les vidéos ?")
    page.goto(live_server.url + f"/admin/snippets/core/comment/edit/{comment.pk}/")
    page.screenshot(path=artifacts("screens", "admin-commentaire-reponse.png"), full_page=True)
