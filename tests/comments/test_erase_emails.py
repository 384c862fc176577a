"""Comment authors' e-mail addresses are erased after COMMENTS_EMAIL_RETENTION_MONTHS.

The finding: they were never erased. The same daily command as registrations,
``manage.py erase_personal_data`` (``erase_registrations`` is its former name).
"""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from comments.models import Comment
from tests.factories import paris

pytestmark = pytest.mark.django_db


def run(command="erase_personal_data", **options):
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def comments(proceedings):
    made = {}
    for key, created in (("old", paris(2030, 1, 15, 10)), ("recent", paris(2030, 6, 1, 10))):
        made[key] = Comment.objects.create(
            page=proceedings,
            author_name=f"Marion {key}",
            email=f"{key}@example.org",
            text="Faut-il s'inscrire ?",
            status=Comment.Status.APPROVED,
            created_at=created,
        )
    return made


def emails():
    return dict(Comment.objects.values_list("author_name", "email"))


@pytest.mark.parametrize(
    ("now", "erased"),
    [
        # Six months (the default) after 15 January 10:00 is 15 July 10:00.
        (paris(2030, 7, 15, 9, 59), []),
        (paris(2030, 7, 15, 10, 1), ["Marion old"]),
        (paris(2031, 1, 1), ["Marion old", "Marion recent"]),
    ],
)
def test_only_addresses_past_their_retention_are_erased(comments, now, erased):
    with time_machine.travel(now, tick=False):
        output = run()

    assert f"{len(erased)} adresse(s) e-mail de commentaires effacées (délai : 6 mois)." in output
    for name, email in emails().items():
        assert (email == "") == (name in erased), (name, email)
    # The name and the text stay, and so does the comment on the page.
    assert Comment.objects.approved().count() == 2
    assert set(Comment.objects.values_list("text", flat=True)) == {"Faut-il s'inscrire ?"}


def test_the_retention_comes_from_the_setting_or_the_option(comments, settings):
    settings.COMMENTS_EMAIL_RETENTION_MONTHS = 1
    with time_machine.travel(paris(2030, 3, 1), tick=False):
        assert "0 adresse(s) e-mail de commentaires effacées (délai : 12 mois)." in run(
            comment_months=12
        )
        assert "1 adresse(s) e-mail de commentaires effacées (délai : 1 mois)." in run()
    assert emails() == {"Marion old": "", "Marion recent": "recent@example.org"}


def test_dry_run_erases_nothing_and_a_second_run_finds_nothing(comments):
    with time_machine.travel(paris(2031, 1, 1), tick=False):
        assert "2 adresse(s) e-mail de commentaires seraient effacées" in run(dry_run=True)
        assert "" not in emails().values()
        assert "2 adresse(s) e-mail de commentaires effacées" in run()
        assert "0 adresse(s) e-mail de commentaires effacées" in run()


def test_the_former_command_name_erases_them_too(comments):
    with time_machine.travel(paris(2031, 1, 1), tick=False):
        output = run("erase_registrations")
    assert "2 adresse(s) e-mail de commentaires effacées" in output
    assert "inscription(s) effacées" in output
    assert set(emails().values()) == {""}


def test_a_negative_delay_is_refused_in_french(comments):
    with pytest.raises(CommandError, match="Le délai en mois doit être positif ou nul"):
        run(comment_months=-1)
    assert "" not in emails().values()


def test_a_moderator_can_still_open_a_comment_whose_address_was_erased(comments, admin_client):
    with time_machine.travel(paris(2031, 1, 1), tick=False):
        run()
    comment = comments["old"]
    response = admin_client.get(f"/admin/snippets/core/comment/edit/{comment.pk}/")
    assert response.status_code == 200
    response = admin_client.post(
        f"/admin/snippets/core/comment/edit/{comment.pk}/",
        {"status": Comment.Status.APPROVED, "reply": "Oui.", "reply_author": ""},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).reply == "Oui."
