"""Moderators approve, reject and answer comments in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Permission

from comments.models import Comment
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/core/comment/"


def make(page, text, status=Comment.Status.PENDING, name="Marion"):
    return Comment.objects.create(
        page=page, author_name=name, email="m@example.org", text=text, status=status
    )


def test_moderators_list_comments_and_filter_them_by_status_and_page(
    client, moderator, proceedings
):
    event = EventPageFactory(title="Colloque de Lyon")
    make(proceedings, "En attente sur les traces")
    make(proceedings, "Déjà publié", Comment.Status.APPROVED)
    make(event, "En attente à Lyon")
    client.force_login(moderator)

    html = client.get(LIST_URL).content.decode()
    assert "En attente sur les traces" in html and "Déjà publié" in html
    assert "Commentaires" in html

    html = client.get(LIST_URL, {"status": "pending"}).content.decode()
    assert "En attente sur les traces" in html and "En attente à Lyon" in html
    assert "Déjà publié" not in html

    html = client.get(LIST_URL, {"status": "pending", "page": event.pk}).content.decode()
    assert "En attente à Lyon" in html
    assert "En attente sur les traces" not in html


def test_a_moderator_approves_and_answers_from_the_edit_form(client, moderator, proceedings):
    comment = make(proceedings, "Faut-il s'inscrire ?")
    client.force_login(moderator)
    edit_url = f"{LIST_URL}edit/{comment.pk}/"
    form = client.get(edit_url).content.decode()
    # What the visitor wrote is shown, not editable.
    assert "Faut-il s&#x27;inscrire ?" in form
    assert 'name="text"' not in form

    response = client.post(
        edit_url,
        {"status": "approved", "reply": "Oui : écrivez-nous.", "reply_author": "Emmanuel"},
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.text == "Faut-il s'inscrire ?"
    assert comment.replied_at is not None
    page = client.get(proceedings.url).content.decode()
    assert "Réponse de l'ANDELIS" in page
    assert "Oui : écrivez-nous." in page


@pytest.mark.parametrize(("action", "status"), [("approve", "approved"), ("reject", "rejected")])
def test_bulk_approve_and_reject(client, moderator, proceedings, action, status):
    comments = [make(proceedings, f"Commentaire {n}") for n in range(3)]
    client.force_login(moderator)
    url = f"/admin/bulk/comments/comment/{action}/?next={LIST_URL}" + "".join(
        f"&id={c.pk}" for c in comments[:2]
    )

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Commentaire 0" in confirm.content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert sorted(Comment.objects.values_list("text", "status")) == [
        ("Commentaire 0", status),
        ("Commentaire 1", status),
        ("Commentaire 2", "pending"),
    ]
    shown = client.get(proceedings.url).content.decode()
    assert ("Commentaire 0" in shown) is (status == "approved")


def test_people_without_the_permission_cannot_moderate(client, django_user_model, proceedings):
    comment = make(proceedings, "À modérer")
    editor = django_user_model.objects.create_user("editeur", "e@example.org", "x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    assert client.get(LIST_URL).status_code in (302, 403)
    client.post(f"{LIST_URL}edit/{comment.pk}/", {"status": "approved"})
    client.post(f"/admin/bulk/comments/comment/approve/?next=/&id={comment.pk}")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_nobody_adds_a_comment_in_the_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)
    listing = client.get(LIST_URL).content.decode()
    assert f"{LIST_URL}add/" not in listing
    assert client.get(f"{LIST_URL}add/").status_code in (302, 403)


def test_moderators_search_comments_by_name_text_or_email(client, moderator, proceedings):
    make(proceedings, "Quand sont publiées les vidéos ?", name="Marion")
    spam = make(proceedings, "Achetez nos montres", name="Robot")
    spam.email = "vendeur@spam.example"
    spam.save()
    client.force_login(moderator)

    for query in ("montres", "Robot", "spam.example"):
        html = client.get(LIST_URL, {"q": query}).content.decode()
        assert "Achetez nos montres" in html, query
        assert "Quand sont publiées" not in html, query
