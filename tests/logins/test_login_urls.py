"""One admin login (Wagtail's), and logins that land on real pages.

Regressions (issue 14): /django-admin/ was a second live login form, advertised
in robots.txt; a login through it or through /_util/login/ without "next"
landed on a 404 at /accounts/profile/.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

from .conftest import PASSWORD, logged_in, post_login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/"])
def test_django_admin_is_gone(client, home_page, path):
    assert client.get(path).status_code == 404
    assert "django.contrib.admin" not in settings.INSTALLED_APPS


def test_robots_txt_does_not_advertise_it(client, home_page):
    robots = client.get("/robots.txt").content.decode()
    assert "django-admin" not in robots
    assert "Disallow: /admin/" in robots


def test_private_pages_login_without_next_lands_on_the_home_page(client, editor, home_page):
    response = post_login(client, "edith", PASSWORD, url="/_util/login/")

    assert logged_in(client)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get(response.url).status_code == 200


def test_a_private_page_sends_to_its_login_and_back(client, editor, home_page):
    page = StandardPageFactory(parent=home_page, title="Espace des membres", slug="membres")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    refused = client.get(page.url)
    assert refused.status_code == 302
    assert refused.url == f"{reverse('wagtailcore_login')}?next={page.url}"
    form = client.get(refused.url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "<h1>Se connecter</h1>" in html
    assert f'name="next" value="{page.url}"' in html

    response = post_login(client, "edith", PASSWORD, url="/_util/login/", next=page.url)

    assert response.url == page.url
    assert "Espace des membres" in client.get(page.url).content.decode()


def test_a_wrong_password_is_told_in_french_on_the_private_pages_login(client, editor, home_page):
    response = post_login(client, "edith", "pas-le-bon", url="/_util/login/")

    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
    assert not logged_in(client)


def test_login_url_settings_name_real_pages():
    assert reverse(settings.LOGIN_URL) == "/_util/login/"
    assert settings.LOGIN_REDIRECT_URL == "/"
