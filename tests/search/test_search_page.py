"""The header's search form leads to a page that answers every query calmly."""

import html as html_lib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import clean_query
from tests.factories import EventPageFactory

HOSTILE = [
    "\x00",
    "colloque\x00",
    "\x00\x00\x00ingénierie",
    '"',
    "'",
    '""',
    "'ingénierie",
    '"ingénierie sociale',
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "x" * 10_000,
    "ingénierie " * 2_000,
    "' OR 1=1; --",
    "'; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT password FROM auth_user",
    "((ingénierie",
    "ingénierie))",
    "(a | b",
    "a & | ! b",
    "!",
    "&&",
    "a <-> b",
    "a:*",
    ":*",
    "\\",
    "\\'",
    "%",
    "_",
    "🙂",
    "colloque 🙂 👩‍👩‍👧",
    "",
    "   ",
    "\u202e\u200b",
    "le la les de",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_normal_page(client, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>" not in content
    if clean_query(query):
        assert f"« {html_lib.escape(clean_query(query))} »" in content


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["<script>", "-1", "99999999999999999999", "\x00", "2017'"])
def test_hostile_filters_get_a_normal_page(client, value):
    params = {"q": "colloque", "annee": value, "colloque": value, "type": value}
    response = client.get("/recherche/", {**params, "intervenant": value, "page": value})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_a_published_colloquium_is_found_and_a_draft_is_not(client, publish):
    # The entries follow page_published / page_unpublished (search/entries.py):
    # publish both the way the admin does, then take one back to a draft.
    publish(EventPageFactory(title="Colloque sur la participation des habitants"))
    draft = publish(EventPageFactory(title="Colloque en préparation sur la participation"))
    draft.unpublish()

    response = client.get("/recherche/", {"q": "participation"})

    content = response.content.decode()
    assert "Colloque sur la participation des habitants" in content
    assert "Colloque en préparation" not in content


@pytest.mark.django_db
def test_the_header_links_every_page_to_the_search(client):
    EventPageFactory(title="Colloque de Marseille")

    content = client.get("/").content.decode()

    assert 'action="/recherche/"' in content


HOSTILE_ALPHABET = st.sampled_from(
    [*"\"'()!&|:*<>-\\%_;=", "\x00", "\u0301", "é", "ë", "🙂", " ", "\t", "\n", "<->"]
)
HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(HOSTILE_ALPHABET, st.sampled_from(["colloque", "ingénierie", "OR", "AND"])),
        max_size=40,
    ).map("".join),
)


@pytest.mark.django_db
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=HOSTILE_TEXT)
def test_generated_queries_never_fail_and_are_escaped(client, archive, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    content = response.content.decode()
    cleaned = clean_query(query)
    if cleaned:
        assert f"« {html_lib.escape(cleaned)} »" in content
    assert content.count("<mark>") == content.count("</mark>")
