"""The page and collection password forms lock (restriction, client address) out too.

Regression (issue 14): wrong passwords without end, then the right one, opened
a password-protected page or a private collection's document.
"""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import ColloquiumDocumentFactory, StandardPageFactory

from .conftest import CLIENT_IP, OTHER_IP

pytestmark = pytest.mark.django_db

SECRET = "secret-des-membres"
LOCKED = "Trop de tentatives ont échoué"


@pytest.fixture
def protected_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Compte rendu du bureau", slug="bureau")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=SECRET
    )
    return page, restriction


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Archives du bureau")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=SECRET
    )
    document = ColloquiumDocumentFactory(collection=collection, title="Budget")
    return document, restriction


def page_form(protected_page):
    page, restriction = protected_page
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/", page.url


def document_form(private_document):
    document, restriction = private_document
    return f"/documents/authenticate_with_password/{restriction.pk}/", document.url


@pytest.fixture(params=["page", "collection"])
def password_form(request):
    if request.param == "page":
        return page_form(request.getfixturevalue("protected_page"))
    return document_form(request.getfixturevalue("private_document"))


def asks_for_the_password(response):
    return not response.streaming and "Mot de passe requis" in response.content.decode()


def post_password(client, url, password, return_url, ip=CLIENT_IP):
    return client.post(url, {"password": password, "return_url": return_url}, REMOTE_ADDR=ip)


def test_wrong_passwords_then_the_right_one_does_not_open(client, password_form):
    url, protected_url = password_form
    for _attempt in range(30):
        post_password(client, url, "pas-le-bon", protected_url)

    response = post_password(client, url, SECRET, protected_url)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "Mot de passe requis" in html  # the same form, in French
    # Still refused: the content is not served.
    assert asks_for_the_password(client.get(protected_url))


def test_the_right_password_opens_before_the_limit(client, password_form, settings):
    url, protected_url = password_form
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_password(client, url, "pas-le-bon", protected_url).status_code == 200

    response = post_password(client, url, SECRET, protected_url)

    assert response.status_code == 302
    assert response.url == protected_url
    assert not asks_for_the_password(client.get(protected_url))


def test_the_limit_is_shared_with_the_logins_and_says_so_at_the_last_failure(
    client, protected_page, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    url, protected_url = page_form(protected_page)
    assert LOCKED not in post_password(client, url, "pas-le-bon", protected_url).content.decode()

    last = post_password(client, url, "pas-le-bon", protected_url)

    assert last.status_code == 429
    assert LOCKED in last.content.decode()


def test_the_lock_holds_one_restriction_from_one_address(
    client, protected_page, private_document, settings
):
    url, protected_url = page_form(protected_page)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, url, "pas-le-bon", protected_url)

    # Another restriction from the same address, the same one from another address.
    document_url, document_page = document_form(private_document)
    assert post_password(client, document_url, SECRET, document_page).status_code == 302
    assert post_password(client, url, SECRET, protected_url, ip=OTHER_IP).status_code == 302


def test_a_get_of_the_form_is_not_a_failure(client, protected_page, settings):
    url, protected_url = page_form(protected_page)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        client.get(url)

    assert post_password(client, url, SECRET, protected_url).status_code == 302
