"""A visitor comments; nothing shows before a moderator approves it."""

import re
import time

import pytest
import time_machine
from django.core import mail
from django.test import Client

from comments.models import Comment
from core.forms_protection import issue_token
from tests.factories import EventPageFactory, HomePageFactory, paris

from .conftest import VALID, form_data, post, stored

pytestmark = pytest.mark.django_db

THANKS = "Merci, votre commentaire sera publié après modération."
NOT_SENT = "Votre commentaire n&#x27;a pas pu être envoyé."


def comment_items(html):
    return re.findall(r'<li class="comment" id="commentaire-\d+">', html)


def test_a_comment_waits_for_moderation_and_the_visitor_is_thanked(client, proceedings):
    response = post(client, proceedings)

    assert response.status_code == 302
    assert response["Location"] == f"{proceedings.url}?commentaire=merci#ajouter-un-commentaire"
    comment = Comment.objects.get()
    assert (comment.page_id, comment.status) == (proceedings.pk, Comment.Status.PENDING)
    assert (comment.author_name, comment.email, comment.text) == tuple(VALID.values())

    page = client.get(response["Location"]).content.decode()
    assert THANKS in page
    assert comment_items(page) == []
    assert "Faut-il s&#x27;inscrire" not in page
    assert "Aucun commentaire publié pour l'instant." in page


def test_an_approved_comment_shows_its_author_and_french_date_never_the_email(client, proceedings):
    Comment.objects.create(
        page=proceedings,
        author_name="marion13",
        email="marion13@example.org",
        text="J'espère pouvoir y assister.\nFaut-il s'inscrire ?",
        status=Comment.Status.APPROVED,
        created_at=paris(2017, 5, 29, 23, 30),
    )
    Comment.objects.create(
        page=proceedings,
        author_name="Refusé",
        email="r@example.org",
        text="Non",
        status=Comment.Status.REJECTED,
    )
    Comment.objects.create(
        page=proceedings, author_name="En attente", email="a@example.org", text="Plus tard"
    )

    html = client.get(proceedings.url).content.decode()

    assert len(comment_items(html)) == 1
    # 23:30 in Paris is already the next day in UTC: the date is Paris's.
    assert (
        '<span class="comment__author">marion13</span> <time datetime="2017-05-29T23:30:00+02:00">Le 29/05/2017</time>'
        in html
    )
    assert "J&#x27;espère pouvoir y assister.<br>Faut-il s&#x27;inscrire ?" in html
    assert "marion13@example.org" not in html
    assert "Refusé" not in html and "En attente" not in html


def test_the_associations_reply_is_marked_as_such(client, proceedings):
    comment = Comment.objects.create(
        page=proceedings,
        author_name="marion13",
        email="m@example.org",
        text="Faut-il s'inscrire ?",
        status=Comment.Status.APPROVED,
        reply="Oui, par e-mail.",
        reply_author="Emmanuel Weislo",
    )
    comment.replied_at = paris(2017, 6, 16, 10)
    comment.save()

    html = client.get(proceedings.url).content.decode()

    assert (
        '<strong class="comment__badge">Réponse de l\'ANDELIS</strong> '
        '<span class="comment__author">Emmanuel Weislo</span> '
        '<time datetime="2017-06-16T10:00:00+02:00">Le 16/06/2017</time>'
    ) in html
    assert "<p>Oui, par e-mail.</p>" in html


def test_links_are_never_clickable(client, proceedings):
    Comment.objects.create(
        page=proceedings,
        author_name="Robot",
        email="r@example.org",
        text='Voir https://spam.example et <a href="https://spam.example">ici</a>',
        status=Comment.Status.APPROVED,
    )
    html = client.get(proceedings.url).content.decode()
    assert 'href="https://spam.example"' not in html
    assert "&lt;a href=&quot;https://spam.example&quot;&gt;ici&lt;/a&gt;" in html


def test_the_event_page_takes_comments_too(client):
    event = EventPageFactory()
    assert post(client, event).status_code == 302
    html = client.get(event.url).content.decode()
    assert 'id="commentaires"' in html
    assert f'action="/commentaires/{event.pk}/#ajouter-un-commentaire"' in html


def test_missing_fields_get_french_messages_and_keep_what_was_typed(client, proceedings):
    response = post(client, proceedings, author_name="", email="pas-une-adresse", text="Mon texte")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre commentaire n'a pas été envoyé." in html
    assert "Indiquez votre nom ou un pseudonyme." in html
    assert "Cette adresse e-mail n&#x27;est pas valide" in html
    assert "Mon texte</textarea>" in html
    assert 'value="pas-une-adresse"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert stored() == 0


def test_a_too_long_comment_is_refused_with_its_length(client, proceedings):
    response = post(client, proceedings, text="a" * 3001)
    assert response.status_code == 400
    assert "3000 caractères au plus (il en compte 3001)" in response.content.decode()
    assert stored() == 0


def test_a_filled_honeypot_stores_nothing_and_says_only_to_try_again(client, proceedings):
    response = post(client, proceedings, site_internet="https://spam.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert NOT_SENT in html
    assert "robot" not in html.lower() and "honeypot" not in html.lower()
    assert stored() == 0
    assert mail.outbox == []


def test_a_too_fast_post_stores_nothing_and_can_be_sent_again(client, proceedings, settings):
    settings.FORMS_MIN_SECONDS = 30  # far from the time a test request takes
    response = post(client, proceedings, seconds_ago=1)

    assert response.status_code == 400
    html = response.content.decode()
    assert NOT_SENT in html
    assert "relire" in html
    assert stored() == 0
    # The text is kept; sent again a little later, it goes through.
    assert "Faut-il s&#x27;inscrire ?</textarea>" in html
    assert post(client, proceedings, seconds_ago=31).status_code == 302
    assert stored() == 1


@pytest.mark.parametrize(
    "started",
    ["", "garbage", "12:1700000000.000:forged-signature"],
    ids=["missing", "garbage", "forged"],
)
def test_a_missing_or_forged_timestamp_stores_nothing(client, proceedings, started):
    response = client.post(
        f"/commentaires/{proceedings.pk}/", {**form_data(client, proceedings), "started": started}
    )
    assert response.status_code == 400
    if started:
        assert NOT_SENT in response.content.decode()
    assert stored() == 0


def test_a_form_from_another_page_is_refused(client, proceedings):
    other = EventPageFactory()
    response = client.post(f"/commentaires/{proceedings.pk}/", form_data(client, other))
    assert response.status_code == 400
    assert stored() == 0


def test_a_form_left_open_for_days_asks_to_send_again(client, proceedings):
    response = post(client, proceedings, seconds_ago=3 * 24 * 3600)
    assert response.status_code == 400
    assert "Ce formulaire était ouvert depuis trop longtemps" in response.content.decode()
    assert stored() == 0


@pytest.fixture
def frozen_clock():
    # django-ratelimit counts in fixed ten-minute windows: a stopped clock keeps
    # all the posts of a test in one window.
    with time_machine.travel(time.time(), tick=False):
        yield


def test_the_eleventh_post_from_one_address_in_ten_minutes_gets_429(
    client, proceedings, frozen_clock
):
    for number in range(10):
        assert post(client, proceedings, text=f"Commentaire {number}").status_code == 302

    response = post(client, proceedings, text="Le onzième")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Vous avez envoyé beaucoup de commentaires en peu de temps." in html
    assert "Merci de réessayer dans une dizaine de minutes." in html
    assert "Le onzième</textarea>" in html
    assert stored() == 10
    assert not Comment.objects.filter(text="Le onzième").exists()
    # Another visitor is not held back.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert post(other, proceedings, text="Un autre visiteur").status_code == 302


def test_the_rate_limit_counts_refused_posts_too(client, proceedings, frozen_clock):
    for _ in range(10):
        assert post(client, proceedings, site_internet="spam").status_code == 400
    assert post(client, proceedings).status_code == 429
    assert stored() == 0


def test_only_live_public_event_and_proceedings_pages_take_comments(client, proceedings):
    home = HomePageFactory()
    assert post(client, home).status_code == 404
    draft = EventPageFactory(live=False)
    # No token for a draft: the endpoint answers 404 too.
    assert client.get(f"/formulaires/jeton/{draft.pk}/").status_code == 404
    started = issue_token(draft.pk, time.time() - 60)
    assert (
        client.post(f"/commentaires/{draft.pk}/", {**VALID, "started": started}).status_code == 404
    )
    assert client.post("/commentaires/999999/", form_data(client, proceedings)).status_code == 404
    assert client.get(f"/commentaires/{proceedings.pk}/").status_code == 405
    assert stored() == 0


def test_moderators_are_emailed_about_a_new_comment(
    client, proceedings, moderator, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_user("visiteur", "visiteur@example.org", "x")
    inactive = django_user_model.objects.create_user(
        "ancien", "ancien@example.org", "x", is_active=False
    )
    inactive.user_permissions.set(moderator.user_permissions.all())

    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, proceedings).status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderation@andelis.example"]
    assert message.subject == "Nouveau commentaire à modérer : Traces du colloque"
    comment = Comment.objects.get()
    assert f"http://testserver/admin/snippets/core/comment/edit/{comment.pk}/" in message.body
    assert "Faut-il s'inscrire ?" in message.body
    assert "Marion" in message.body


def test_a_failing_mail_server_does_not_lose_the_comment(
    client, proceedings, moderator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.comments.failing_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert post(client, proceedings).status_code == 302
    assert len(callbacks) == 1
    assert stored() == 1


def test_a_page_not_saved_yet_has_no_comment_section(db):
    # The admin's preview of a page being created renders its template without a pk.
    from django.template import Context, Template

    from events.models import EventPage

    html = Template("{% load comment_tags %}{% comment_section page %}").render(
        Context({"page": EventPage(title="Nouveau colloque")})
    )
    assert html.strip() == ""
