"""Administrators see the current lockouts in Wagtail's admin and unlock them."""

from html import unescape

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

from .conftest import CLIENT_IP, PASSWORD, logged_in, post_login

pytestmark = pytest.mark.django_db

LOCKOUTS = "/admin/connexions-bloquees/"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@andelis.example", "x")


def lock_out(client, username, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, username, "pas-le-bon")


def test_an_administrator_sees_a_lockout_and_unlocks_it(client, editor, admin, settings):
    lock_out(client, "edith", settings)
    assert post_login(client, "edith", PASSWORD).status_code == 429
    staff = type(client)()
    staff.force_login(admin)

    listing = staff.get(LOCKOUTS)

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Compte « edith »" in html
    assert CLIENT_IP in html
    attempt = AccessAttempt.objects.get(username="edith")

    answer = staff.post(LOCKOUTS, {"attempt": attempt.pk}, follow=True)

    html = unescape(answer.content.decode())
    assert "Compte « edith » débloqué pour l'adresse 203.0.113.7." in html
    assert "Aucune connexion n'est bloquée" in html
    assert post_login(client, "edith", PASSWORD).status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize("attempt", ["", "abc", "999999", "1 OR 1=1"])
def test_an_unlock_of_nothing_says_so(client, admin, attempt):
    client.force_login(admin)

    response = client.post(LOCKOUTS, {"attempt": attempt}, follow=True)

    assert response.status_code == 200
    assert "Ce blocage a déjà pris fin." in unescape(response.content.decode())


def test_a_page_password_lockout_is_named_after_its_page(client, admin, home_page, settings):
    page = StandardPageFactory(parent=home_page, title="Compte rendu du bureau", slug="bureau")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
            {"password": "pas-le-bon", "return_url": page.url},
            REMOTE_ADDR=CLIENT_IP,
        )
    client.force_login(admin)

    html = client.get(LOCKOUTS).content.decode()

    assert "Mot de passe de la page « Compte rendu du bureau »" in html


def test_failures_under_the_limit_and_ended_lockouts_are_not_listed(
    client, editor, moderator, admin, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "mona", "pas-le-bon")
    lock_out(client, "edith", settings)
    AccessAttempt.objects.filter(username="edith").update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    client.force_login(admin)

    html = unescape(client.get(LOCKOUTS).content.decode())

    assert "Aucune connexion n'est bloquée en ce moment." in html


def test_the_menu_shows_it_to_administrators_only(client, admin, moderator):
    client.force_login(admin)
    assert LOCKOUTS in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(moderator)
    assert LOCKOUTS not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_moderator_can_neither_see_nor_unlock(client, editor, moderator, settings, method):
    lock_out(client, "edith", settings)
    attempt = AccessAttempt.objects.get(username="edith")
    client.force_login(moderator)

    response = getattr(client, method)(LOCKOUTS, {"attempt": attempt.pk})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
