"""The search of `make run`: SQLite, with the demo content, as `make run` prepares it.

The rest of the suite searches on PostgreSQL; this runs the development settings in a
process of their own on a new SQLite file: migrate, the demo content, the entries, then
queries through ``search.query.search``.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

QUERIES = """
import json
from search.query import search

def summary(query, filters=None):
    response = search(query, filters)
    return {
        "total": response.total,
        "titles": [result.title for result in response.results],
        "facets": {f.name: {v.label: v.count for v in f.values} for f in response.facets},
    }

print(json.dumps({
    "accented": summary("ingénierie sociale"),
    "unaccented": summary("ingenierie sociale"),
    "elided": summary("l'ingénierie"),
    "phrase": summary('"politiques publiques"'),
    "reversed": summary('"publiques politiques"'),
    "name": summary("Laetitia"),
    "documents": summary("ingénierie sociale", {"type": "document"}),
    "nothing": summary("anticonstitutionnellement"),
}))
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite")
    database = folder / "db.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WAGTAILADMIN_BASE_URL", "ANDELIS_SITE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="andelis.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),  # not the checkout's media/
        PORT="8123",
    )

    def manage(*command):
        return subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    manage("migrate", "--no-input", "-v0")
    manage("load_demo_content", "-v0")
    manage("update_search_entries")
    return json.loads(manage("shell", "-c", QUERIES).strip().splitlines()[-1])


def test_the_demo_colloquium_is_found_with_or_without_accents(found):
    accented, unaccented = found["accented"], found["unaccented"]
    assert accented["total"] > 0
    assert accented == unaccented
    # Its title holds the query ("… sur l’ingénierie sociale"): it comes first.
    assert accented["titles"][0] == "Colloque national sur l’ingénierie sociale"
    assert accented["facets"]["annee"] == {"2017": accented["total"]}


def test_an_elided_word_is_a_word(found):
    # "l'ingénierie" typed, or written in the text, is the word "ingénierie".
    assert found["elided"]["titles"][0] == "Colloque national sur l’ingénierie sociale"
    assert found["elided"]["total"] >= found["accented"]["total"]


def test_a_phrase_is_found_in_its_order_only(found):
    assert found["phrase"]["total"] > 0
    assert found["reversed"]["total"] == 0


def test_a_name_typed_without_its_accent_finds_the_speakers_talks(found):
    assert found["name"]["total"] > 0
    assert any("Laëtitia" in name for name in found["name"]["facets"]["intervenant"])


def test_filters_and_queries_matching_nothing(found):
    documents = found["documents"]
    assert 0 < documents["total"] < found["accented"]["total"]
    assert documents["facets"]["type"]["Document"] == documents["total"]
    assert found["nothing"] == {
        "total": 0,
        "titles": [],
        "facets": {"annee": {}, "colloque": {}, "type": {}, "intervenant": {}},
    }
