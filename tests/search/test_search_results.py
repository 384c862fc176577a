"""What a visitor finds on /recherche/: pages and words inside documents, in French."""

import re
import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from core.concurrency import runs_beside
from core.extraction import store_extraction
from core.templatetags.andelis_tags import document_label
from search.query import search
from tests.factories import ContributionFactory, EventPageFactory
from tests.pdfs import pages_pdf
from tests.search.conftest import document_with_pages

REDIS_URL = "redis://127.0.0.1:6379/0"


def get(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def results_html(html):
    match = re.search(r'<ol class="search-results".*?</ol>', html, re.S)
    return match.group(0) if match else ""


def test_a_word_only_inside_a_pdf_finds_the_document_its_page_and_its_talk(client, archive):
    html = results_html(get(client, q="hétérotopies"))

    assert "Ingénierie sociale et territoires" in html
    assert "Page 2 :" in html
    assert "<mark>hétérotopies</mark>" in html
    document = archive["talk_document"]
    assert f'href="{document.url}#page=2"' in html
    # The link says what the file is, as everywhere on the site.
    assert f"({document_label(document)})" in html
    assert "PDF" in document_label(document)
    # The talk's own page, in its proceedings.
    proceedings_url = archive["proceedings"].url
    talk = archive["proceedings"].contributions.get()
    assert f'href="{proceedings_url}{talk.slug}/"' in html
    assert "Colloque de Marseille 2017" in html
    assert "2017" in html
    assert "Laëtitia Fontaine" in html


@pytest.mark.parametrize("query", ["heterotopies", "HÉTÉROTOPIE", "hétérotopie"])
def test_the_same_word_without_accents_or_inflected_finds_it(client, archive, query):
    html = results_html(get(client, q=query))

    assert "Ingénierie sociale et territoires" in html
    assert "Page 2 :" in html
    assert "<mark>hétérotopies</mark>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ingenierie", "Ingénierie sociale et territoires"),
        ("colloques", "Colloque de Lyon 2019"),
        ("Laetitia", "Ingénierie sociale et territoires"),
        ("mediterranee", "Ingénierie sociale et territoires"),
    ],
)
def test_french_stemming_and_accent_folding(client, archive, query, expected):
    assert expected in results_html(get(client, q=query))


def test_pages_and_documents_are_ranked_together(archive):
    results = search("participation habitants").results

    assert {result.document_id is None for result in results} == {True, False}
    scores = [result.score for result in results]
    assert scores == sorted(scores, reverse=True)


def test_quoted_phrase_matches_only_the_words_together(client, archive):
    assert "Ingénierie sociale et territoires" in results_html(
        get(client, q='"ingénierie sociale"')
    )
    assert "Aucun résultat" in get(client, q='"sociale ingénierie"')


def test_replacing_a_document_file_replaces_its_indexed_text(client, archive):
    document = archive["talk_document"]
    document.file = ContentFile(pages_pdf("Nouvelle version : gouvernance."), name="v2.pdf")
    document._set_document_file_metadata()
    document.save()
    store_extraction(document)

    assert "Aucun résultat" in get(client, q="hétérotopies")
    html = results_html(get(client, q="gouvernance"))
    assert "Ingénierie sociale et territoires" in html
    assert "Page 1 :" in html


def test_a_deleted_document_leaves_the_results(client, archive):
    archive["talk_document"].delete()

    assert "Aucun résultat" in get(client, q="hétérotopies")


def test_unpublished_pages_and_their_documents_never_appear(client, archive):
    archive["proceedings"].unpublish()
    draft = EventPageFactory(title="Colloque secret sur la sérendipité")
    draft.unpublish()

    assert "Aucun résultat" in get(client, q="hétérotopies")
    assert "Aucun résultat" in get(client, q="sérendipité")
    assert "Traces du colloque de Marseille" not in get(client, q="Marseille")


def test_facets_count_and_filter(client, archive):
    html = get(client, q="colloque")

    facets = re.search(r'<nav class="search-layout__facets.*?</nav>', html, re.S).group(0)
    assert "2017 (" in facets
    assert "2019 (" in facets
    assert "Colloque de Lyon 2019 (" in facets
    assert "Actes (" in facets

    year_2019 = get(client, q="colloque", annee="2019")
    results = results_html(year_2019)
    assert "Colloque de Lyon 2019" in results
    assert "Colloque de Marseille 2017" not in results
    assert "Année : 2019" in year_2019


@pytest.mark.parametrize("chosen", [("annee", "type"), ("type", "intervenant")])
def test_each_facet_counts_what_the_other_chosen_filters_leave(archive, chosen):
    everything = search("colloque")
    first = {f.name: f.values[0].value for f in everything.facets if f.values}
    filters = {name: first[name] for name in chosen}
    response = search("colloque", filters)

    checked = 0
    for facet in response.facets:
        for value in facet.values:
            # Choosing this value instead gives as many results as the facet said.
            assert search("colloque", {**filters, facet.name: value.value}).total == value.count
            checked += 1
    assert checked >= 4


def test_speaker_facet_finds_the_speakers_talks(client, archive):
    speaker = archive["speaker"]
    response = search("ingénierie", filters={"intervenant": str(speaker.pk)})

    # Her talk, and the proceedings that list it; not the Lyon colloquium.
    assert sorted(r.title for r in response.results) == [
        "Ingénierie sociale et territoires",
        "Traces du colloque de Marseille",
    ]
    speaker_facet = next(f for f in response.facets if f.name == "intervenant")
    assert [(v.label, v.count, v.selected) for v in speaker_facet.values] == [
        ("Laëtitia Fontaine", 2, True)
    ]


def test_garbage_filters_are_ignored(client, archive):
    html = get(client, q="colloque", annee="deux-mille", type="<b>", intervenant="-1")
    assert "Colloque de Lyon 2019" in results_html(html)


def test_zero_results_page_helps_in_french(client, archive):
    html = get(client, q="zygomatique")

    assert "Aucun résultat pour « zygomatique »" in html
    assert "vérifiez l'orthographe" in html
    assert "search-results" not in html


def test_results_are_paginated(client, archive):
    proceedings = archive["proceedings"]
    for number in range(12):
        document = document_with_pages(f"Atelier {number}", "Un atelier sur la médiation.")
        ContributionFactory(page=proceedings, title=f"Atelier {number}", document=document)

    first = get(client, q="médiation")
    second = get(client, q="médiation", page="2")

    assert "12 résultats" in first
    assert results_html(first).count("<li") == 10
    assert results_html(second).count("<li") == 2
    assert "page 2 sur 2" in second
    assert 'rel="next"' in first


def _build_talks(proceedings, count, start):
    for number in range(start, start + count):
        document = document_with_pages(f"Atelier {number}", f"La médiation, atelier {number}.")
        ContributionFactory(page=proceedings, title=f"Atelier {number}", document=document)


def test_query_count_does_not_grow_with_results_shown(client, archive, publish):
    proceedings = archive["proceedings"]
    publish(EventPageFactory(title="Journée de la médiation", subtitle="La médiation sociale"))
    _build_talks(proceedings, 2, 0)
    get(client, q="médiation")  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as small:
        assert "3 résultats" in get(client, q="médiation")

    _build_talks(proceedings, 9, 2)
    with CaptureQueriesContext(connection) as large:
        html = get(client, q="médiation")
    assert "12 résultats" in html
    assert "Journée de la médiation" in results_html(html)

    assert len(small.captured_queries) == len(large.captured_queries)
    # Search: view restrictions and the pages not shown (kept in the fragment cache
    # in production: none here); the results shown, then their pages and colloquia,
    # documents, talks, and the snippets of pages and documents (one statement); over
    # the matching entries, the counts by year, colloquium and type, and by speaker,
    # then the names of the colloquia and speakers listed; base.html: site, site
    # settings, navigation.
    assert len(large.captured_queries) == 13


@pytest.fixture
def kept_in_redis(settings):
    """The production fragment cache (Redis), under a key prefix of this test's own."""
    from django.core.cache import caches

    prefix = f"andelis-test-search-{uuid.uuid4().hex}"
    backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
    settings.CACHES = {**settings.CACHES, "kept": {**backend, "KEY_PREFIX": prefix}}
    settings.ANDELIS_FRAGMENT_CACHE = "kept"
    yield
    caches["kept"].delete_pattern("*")


def test_the_hidden_pages_kept_in_the_cache_follow_a_new_view_restriction(
    client, archive, kept_in_redis, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    assert "Ingénierie sociale et territoires" in results_html(get(client, q="hétérotopies"))

    # The entries stay (a private page keeps them); the pages left out are read again.
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=archive["event"], restriction_type=PageViewRestriction.LOGIN
        )
    after = results_html(get(client, q="hétérotopies"))

    assert "Ingénierie sociale et territoires" not in after


def test_with_the_hidden_pages_kept_a_search_reads_no_view_restriction(
    client, archive, kept_in_redis
):
    get(client, q="hétérotopies")
    with CaptureQueriesContext(connection) as second:
        assert "Ingénierie sociale et territoires" in results_html(get(client, q="hétérotopies"))

    read = " ".join(query["sql"] for query in second.captured_queries)
    assert "wagtailcore_pageviewrestriction" not in read


def test_pages_under_a_view_restriction_never_appear(client, archive):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=archive["event"], restriction_type=PageViewRestriction.LOGIN
    )

    html = get(client, q="Marseille hétérotopies")
    assert "Aucun résultat" in html


def test_filters_that_leave_nothing_say_so_and_can_be_removed(client, archive):
    html = get(client, q="colloque", annee="1990", type="actes")

    assert "Aucun résultat pour « colloque » avec les filtres choisis." in html
    assert "Année : 1990" in html
    assert "Type : Actes" in html
    assert "retirez les filtres" in html


@pytest.mark.parametrize("query", ["l'ingénierie", "L’ingénierie sociale", "sociale-territoires"])
def test_apostrophes_and_hyphens_are_words_as_typed(client, archive, query):
    assert "Ingénierie sociale et territoires" in results_html(get(client, q=query))


def test_a_replaced_poster_or_talk_file_leaves_the_results(client, archive, publish):
    # Each document's entry lists the pages using it: publishing a page that no
    # longer uses a document takes it out of the results.
    event = archive["event"]
    old_poster = document_with_pages("Affiche 2017", "Programme : la sérendipité.")
    new_poster = document_with_pages("Affiche 2017 bis", "Programme corrigé.")
    event.poster = old_poster
    publish(event)
    assert "Affiche 2017" in results_html(get(client, q="sérendipité"))

    event.poster = new_poster
    publish(event)
    assert "Aucun résultat" in get(client, q="sérendipité")

    talk = archive["talk"]
    talk.document = document_with_pages("Diaporama v2", "Les tiers-lieux.")
    talk.save()
    publish(archive["proceedings"])
    assert "Aucun résultat" in get(client, q="hétérotopies")
    assert "Ingénierie sociale et territoires" in results_html(get(client, q="tiers-lieux"))


def test_a_deleted_colloquium_takes_its_poster_out_of_the_results(client, archive, publish):
    event = archive["other_event"]
    event.poster = document_with_pages("Affiche Lyon", "Programme : la sérendipité.")
    publish(event)
    assert "Affiche Lyon" in results_html(get(client, q="sérendipité"))

    event.delete()
    assert "Aucun résultat" in get(client, q="sérendipité")


@pytest.mark.parametrize("selected", [None, "rare", "absent"])
def test_a_long_speaker_facet_lists_the_most_frequent_and_counts_the_rest(
    archive, publish, selected
):
    from search.query import MAX_FACET_VALUES
    from tests.factories import PersonFactory

    proceedings = archive["proceedings"]
    people = [PersonFactory(name=f"Personne {n:02d}") for n in range(MAX_FACET_VALUES + 5)]
    for number, person in enumerate(people):
        # Person n speaks in (n % 4) + 1 talks: many ties, broken by name.
        for copy in range(number % 4 + 1):
            document = document_with_pages(f"Atelier {number}-{copy}", "La médiation.")
            ContributionFactory(
                page=proceedings, title=f"Atelier {number}", document=document, speakers=[person]
            )
    publish(proceedings)  # as the admin does once the talks are typed
    filters = {}
    if selected == "rare":
        filters = {"intervenant": str(people[0].pk)}
    elif selected == "absent":
        filters = {"intervenant": str(archive["speaker"].pk)}

    response = search("médiation", filters)

    speakers = next(f for f in response.facets if f.name == "intervenant")
    listed = [(v.label, v.count) for v in speakers.values]
    # The most frequent first (4 talks each), ties by name; the selected one kept.
    assert listed[:2] == [("Personne 03", 4), ("Personne 07", 4)]
    if selected == "rare":
        assert ("Personne 00", 1) in listed
    if selected == "absent":
        assert [v.count for v in speakers.values if v.selected] == [0]
    assert speakers.hidden == MAX_FACET_VALUES + 5 - sum(1 for v in speakers.values if v.count)
    assert speakers.hidden > 0


def test_a_document_found_by_its_title_highlights_the_words_its_text_holds(
    client, archive, publish
):
    # The whole query is in the talk's title; its text holds only one of
    # the words: no page holds the query, yet the snippet marks that word.
    ContributionFactory(
        page=archive["proceedings"],
        title="Protection de l'enfance et jeunes majeurs",
        document=document_with_pages(
            "Protection de l'enfance et jeunes majeurs",
            "Sommaire.",
            "Les jeunes sortant des foyers.",
        ),
    )
    publish(archive["proceedings"])

    html = results_html(get(client, q='"protection de l\'enfance" jeunes'))

    assert "Protection de l&#x27;enfance et jeunes majeurs" in html
    assert "Page 2 :" in html
    assert "<mark>jeunes</mark>" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_facets_counted_on_a_second_connection_match_those_counted_inline(archive):
    def seen(response):
        facets = [(f.name, [(v.value, v.count) for v in f.values]) for f in response.facets]
        return response.total, [r.entry_id for r in response.results], facets

    assert runs_beside()  # committed rows, outside any transaction: as a visit runs
    with CaptureQueriesContext(connection) as on_this_connection:
        counted_beside = search("ingénierie sociale")
    with transaction.atomic():
        counted_inline = search("ingénierie sociale")

    assert seen(counted_beside) == seen(counted_inline)
    assert counted_beside.total > 1
    assert counted_beside.facets[0].values  # the years were counted
    assert not any("GROUP BY" in q["sql"] for q in on_this_connection.captured_queries)


def test_each_page_of_results_follows_the_last_and_a_wrong_number_still_gives_one(archive):
    everything = [r.entry_id for r in search("Marseille", per_page=50).results]
    pages = [search("Marseille", per_page=1, page_number=n) for n in range(1, len(everything) + 1)]
    beyond = search("Marseille", per_page=1, page_number="999")
    not_a_number = search("Marseille", per_page=1, page_number="deux")

    assert len(everything) >= 3
    assert [page.results[0].entry_id for page in pages] == everything
    assert all(page.results[0].url and page.results[0].event_title for page in pages)
    assert beyond.page.number == len(everything)
    assert [r.entry_id for r in beyond.results] == everything[-1:]
    assert beyond.results[0].url  # fetched again, and completed
    assert not_a_number.page.number == 1
    assert not_a_number.results[0].entry_id == everything[0]
