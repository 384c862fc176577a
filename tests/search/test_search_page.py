"""The header's search form leads to a page that answers every query calmly."""

import pytest

from tests.factories import EventPageFactory

HOSTILE = [
    "\x00",
    "colloque\x00",
    '"',
    "'",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "' OR 1=1; --",
    "((ingénierie",
    "a & | ! b",
    "🙂",
    "",
    "   ",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_normal_page(client, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_a_published_colloquium_is_found_and_a_draft_is_not(client):
    EventPageFactory(title="Colloque sur la participation des habitants")
    draft = EventPageFactory(title="Colloque en préparation sur la participation")
    draft.unpublish()

    response = client.get("/recherche/", {"q": "participation"})

    content = response.content.decode()
    assert "Colloque sur la participation des habitants" in content
    assert "Colloque en préparation" not in content
