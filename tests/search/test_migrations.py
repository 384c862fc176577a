"""The search's migrations: a new database never touches Wagtail's tables, and a
database migrated by the previous search (search/0009, with its changes to
``wagtailsearch_indexentry``) reaches the new leaf and searches again."""

import importlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.query import search
from tests.factories import ContributionFactory, EventPageFactory, ProceedingsPageFactory, paris
from tests.search.conftest import document_with_pages

PREVIOUS_LEAF = ("search", "0009_page_vectors_inline")


def leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes("search")[0]


def wagtail_table_changes():
    """What the previous search added to Wagtail's index table, as found in the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'wagtailsearch_indexentry' AND column_name = 'search_terms'"
            " UNION ALL SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
            " AND indexname LIKE 'search_%%'"
            " UNION ALL SELECT tgname FROM pg_trigger WHERE tgname = 'search_entry_terms'"
            " UNION ALL SELECT 'toast_tuple_target' FROM pg_class"
            " WHERE relname = 'wagtailsearch_indexentry'"
            " AND array_to_string(reloptions, ',') LIKE '%%toast_tuple_target%%'"
        )
        return sorted(row[0] for row in cursor.fetchall())


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state(target).apps


def apply_previous_wagtail_table_changes(apps):
    """Run what search/0006, 0002, 0008 and 0009 ran before they became no-ops there."""
    module = "search.migrations."
    with connection.schema_editor() as editor:
        importlib.import_module(module + "0006_word_pairs_page_lists_and_speakers").create(
            apps, editor
        )
        for name in ("0002_index_title_and_body_together", "0008_page_search_terms"):
            importlib.import_module(module + name).create_on_wagtail_table(apps, editor)
        importlib.import_module(module + "0009_page_vectors_inline").create_on_wagtail_table(
            apps, editor
        )


def publish_talk(event, text):
    """``event`` and its proceedings, published, with the talk "Ingénierie sociale"
    whose document's second page holds ``text``."""
    proceedings = ProceedingsPageFactory(parent=event, title="Traces du colloque")
    document = document_with_pages("Diaporama", "Introduction.", text)
    ContributionFactory(page=proceedings, title="Ingénierie sociale", document=document)
    for page in (event, proceedings):
        page.save_revision().publish()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_of_the_previous_search_migrates_and_searches_again():
    assert wagtail_table_changes() == []  # a new database never had them
    publish_talk(
        EventPageFactory(
            title="Colloque de Marseille 2017",
            start=paris(2017, 11, 20, 9),
            end=paris(2017, 11, 20, 17),
        ),
        "Les hétérotopies du social.",
    )
    new_leaf = leaf()
    try:
        apps = migrate_to(PREVIOUS_LEAF)
        apply_previous_wagtail_table_changes(apps)
        assert wagtail_table_changes() == [
            "search_entry_terms",
            "search_indexentry_terms_gin",
            "search_indexentry_title_body_gin",
            "search_terms",
            "toast_tuple_target",
        ]

        migrate_to(new_leaf)
    finally:
        migrate_to(new_leaf)

    assert wagtail_table_changes() == []
    call_command("update_search_entries", stdout=StringIO())
    response = search("hétérotopie")
    assert [r.title for r in response.results] == ["Ingénierie sociale"]
    assert response.results[0].page_number == 2
    assert "Colloque de Marseille 2017" in [r.title for r in search("Marseille").results]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_entries_stored_before_search_0011_are_found_by_their_phrases_after_it():
    publish_talk(EventPageFactory(title="Colloque de Lyon 2019"), "Le travail social en mutation.")
    new_leaf = leaf()
    try:
        migrate_to(("search", "0010_search_entry"))  # the entries stay, without ``terms``
        migrate_to(new_leaf)
    finally:
        migrate_to(new_leaf)

    assert [r.title for r in search('"travail social"').results] == ["Ingénierie sociale"]
    assert search('"social travail"').total == 0
    assert [r.title for r in search("mutation").results] == ["Ingénierie sociale"]
