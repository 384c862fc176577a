"""The seed page's comments ship with the demo content, approved, with the dates it gives."""

import io
import re

import pytest
from django.core.management import call_command

from comments.models import Comment
from events.models import EventPage

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_content", stdout=io.StringIO())


def test_the_seed_comments_and_the_associations_answer_are_on_the_event_page(client):
    load()
    event = EventPage.objects.get()

    html = re.sub(r"\s+", " ", client.get(event.url).content.decode())

    assert html.count('<li class="comment"') == 2
    # The seed gives this comment no date: none is shown.
    assert '<span class="comment__author">Weislo Emmanuel</span></p>' in html
    assert "Quelle belle idée ce colloque. ANDELIS fait désormais partie du paysage." in html
    assert (
        '<span class="comment__author">marion13</span> '
        '<time datetime="2017-05-29T18:00:00+02:00">Le 29/05/2017</time>'
    ) in html
    assert "Diplômée DEIS en 2016" in html and "Faut-il s&#x27;inscrire ?" in html
    assert (
        '<strong class="comment__badge">Réponse de l\'ANDELIS</strong> '
        '<span class="comment__author">Weislo Emmanuel</span> '
        '<time datetime="2017-06-16T12:00:00+02:00">Le 16/06/2017</time>'
    ) in html
    assert "Oui Marion vous pouvez vous inscrire" in html
    # The question comes before its answer, the oldest comment first.
    assert html.index("Quelle belle idée") < html.index("Diplômée DEIS") < html.index("Oui Marion")
    assert "@example.invalid" not in html and "@andelis.invalid" not in html


def test_a_second_run_repairs_the_demo_comments_without_duplicating_visitors_ones():
    load()
    event = EventPage.objects.get()
    visitor = Comment.objects.create(
        page=event, author_name="Visiteur", email="v@example.org", text="Mon commentaire"
    )
    marion = Comment.objects.get(author_name="marion13")
    marion.status = Comment.Status.REJECTED
    marion.reply = ""
    marion.save()
    Comment.objects.filter(author_name="Weislo Emmanuel").delete()

    load()
    load()

    assert Comment.objects.count() == 3
    marion.refresh_from_db()
    assert marion.status == Comment.Status.APPROVED
    assert marion.reply.startswith("Oui Marion")
    assert Comment.objects.get(pk=visitor.pk).status == Comment.Status.PENDING
    assert Comment.objects.filter(author_name="Weislo Emmanuel").count() == 1
