"""Quoted phrases: found in documents and pages as typed, words together and in order."""

import pytest
from wagtail.rich_text import RichText

from publications.models import ArgumentPage
from search.query import search
from tests.factories import ArgumentPageFactory, ContributionFactory
from tests.search.conftest import document_with_pages


@pytest.fixture
def talks(archive):
    """Three talks that share the words of "protection de l'enfance", in different orders."""
    proceedings = archive["proceedings"]
    texts = {
        "Le droit des mineurs": "La protection de l'enfance relève du département.",
        "Les familles d'accueil": "L'enfance en danger appelle une protection rapide.",
        "L'économie du secteur": "L'économie sociale et solidaire emploie des éducateurs.",
    }
    for title, text in texts.items():
        document = document_with_pages(title, "Introduction.", text)
        ContributionFactory(page=proceedings, title=title, document=document)
    return archive


def titles(query):
    return sorted(result.title for result in search(query).results)


def test_a_phrase_finds_its_words_together_and_in_order_only(talks):
    assert titles('"protection de l\'enfance"') == ["Le droit des mineurs"]
    assert titles("protection enfance") == ["Le droit des mineurs", "Les familles d'accueil"]
    assert titles('"enfance protection"') == []


def test_a_phrase_of_three_words_and_one_typed_without_accents(talks):
    assert titles('"economie sociale et solidaire"') == ["L'économie du secteur"]
    assert titles('"sociale solidaire économie"') == []


def test_a_phrase_is_shown_on_its_page_with_its_words_highlighted(talks):
    [result] = search('"protection de l\'enfance"').results

    assert result.page_number == 2
    assert "<mark>protection</mark>" in result.snippet
    assert "<mark>enfance</mark>" in result.snippet


def test_a_quoted_single_word_or_stop_words_only_do_not_break_the_search(talks):
    assert "Le droit des mineurs" in titles('"département" protection')
    assert search('"de la"').total >= 0


@pytest.fixture
def essays(archive, publish):
    """Two argument essays holding the words of "protection de l'enfance", one as a phrase."""
    texts = {
        "Argumentaire de Marseille": "La protection de l'enfance relève du département.",
        "Argumentaire de Lyon": "L'enfance en danger appelle une protection rapide.",
    }
    for title, text in texts.items():
        publish(
            ArgumentPageFactory(
                parent=archive["event"],
                title=title,
                body=[("paragraph", RichText(f"<p>{text}</p>"))],
            )
        )
    return archive


def page_titles(query):
    return sorted(result.title for result in search(query).results if result.document_id is None)


def test_a_phrase_finds_the_pages_holding_it_and_only_them(essays):
    assert page_titles('"protection de l\'enfance"') == ["Argumentaire de Marseille"]
    assert page_titles('"enfance protection"') == []
    assert page_titles('"relève du département" enfance') == ["Argumentaire de Marseille"]
    assert page_titles("protection enfance") == [
        "Argumentaire de Lyon",
        "Argumentaire de Marseille",
    ]


def test_a_phrase_is_counted_in_the_facets_of_pages_as_found(essays):
    response = search('"protection de l\'enfance"')
    [kinds] = [facet for facet in response.facets if facet.name == "type"]

    assert {value.value: value.count for value in kinds.values}["argumentaire"] == 1


def test_a_page_edited_and_published_again_is_found_by_its_new_phrases_only(essays, publish):
    essay = ArgumentPage.objects.get(title="Argumentaire de Marseille")
    essay.body = [("paragraph", RichText("<p>La prévention spécialisée reste locale.</p>"))]
    publish(essay)

    assert page_titles('"prévention spécialisée"') == ["Argumentaire de Marseille"]
    assert page_titles('"protection de l\'enfance"') == []
