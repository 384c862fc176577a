"""Venues, people and partners are snippets, under one "Colloques" admin menu."""

import pytest
from django.urls import reverse

from tests.factories import PartnerFactory, PersonFactory, VenueFactory

SNIPPETS = [
    pytest.param("venue", VenueFactory, "Lieux", id="venue"),
    pytest.param("person", PersonFactory, "Personnes", id="person"),
    pytest.param("partner", PartnerFactory, "Partenaires", id="partner"),
]


@pytest.mark.parametrize(("model_name", "factory", "label"), SNIPPETS)
def test_listing_shows_existing_snippets(admin_client, model_name, factory, label):
    snippet = factory()

    response = admin_client.get(reverse(f"wagtailsnippets_events_{model_name}:list"))

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == f"/admin/snippets/events/{model_name}/"
    html = response.content.decode()
    assert label in html
    assert snippet.name in html


@pytest.mark.parametrize(("model_name", "factory", "label"), SNIPPETS)
def test_add_view_opens(admin_client, db, model_name, factory, label):
    response = admin_client.get(reverse(f"wagtailsnippets_events_{model_name}:add"))

    assert response.status_code == 200
    assert 'name="name"' in response.content.decode()


@pytest.mark.parametrize(("model_name", "factory", "label"), SNIPPETS)
def test_listing_search_finds_by_name(admin_client, model_name, factory, label):
    wanted = factory(name="Cordée solidaire")
    other = factory(name="Quelqu'un d'autre")

    response = admin_client.get(
        reverse(f"wagtailsnippets_events_{model_name}:list"), {"q": "Cordée"}
    )

    assert response.status_code == 200
    shown = [str(obj.pk) for obj in response.context["object_list"]]
    assert shown == [str(wanted.pk)], f"{other} should not match"


def test_colloquium_menu_gathers_the_three_snippets(admin_client, db):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    for label in ("Colloques", "Lieux", "Personnes", "Partenaires"):
        assert label in html
    for model_name in ("venue", "person", "partner"):
        assert f"/admin/snippets/events/{model_name}/" in html


def test_partner_listing_shows_website_column(admin_client):
    PartnerFactory(name="IMF", website="https://imf.example.org/")

    html = admin_client.get(reverse("wagtailsnippets_events_partner:list")).content.decode()

    assert "https://imf.example.org/" in html
