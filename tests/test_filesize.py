"""Sizes as the association's pages always showed them: "PDF – 167,22 Ko".

171233 bytes is 167.2197 Ko and 1740000 bytes 1.6594 Mo: rounded, not truncated.
"""

import pytest
from django.template import Context, Template

from core.models import ColloquiumDocument
from core.templatetags.andelis_tags import document_label, french_filesize

NBSP = "\u00a0"  # keeps the number and its unit on the same line


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (171233, f"167,22{NBSP}Ko"),
        (1740000, f"1,66{NBSP}Mo"),
        (1024, f"1,00{NBSP}Ko"),
        # Rounds to 1024 Ko: shown in the next unit.
        (1024 * 1024 - 1, f"1,00{NBSP}Mo"),
        (1024 * 1024, f"1,00{NBSP}Mo"),
        (3 * 1024**3, f"3,00{NBSP}Go"),
        (1023, "1023 octets"),
        (500, "500 octets"),
        (0, "0 octet"),
        (1, "1 octet"),
        ("171233", f"167,22{NBSP}Ko"),
    ],
)
def test_french_filesize(size, shown):
    assert french_filesize(size) == shown


@pytest.mark.parametrize("size", [None, ""])
def test_unknown_size_shows_nothing(size):
    assert french_filesize(size) == ""


@pytest.mark.django_db
def test_document_label_gives_format_and_size():
    document = ColloquiumDocument(
        file="documents/programme.pdf", file_format="PDF", file_size=171233
    )

    assert document_label(document) == f"PDF – 167,22{NBSP}Ko"


@pytest.mark.django_db
def test_document_label_falls_back_on_the_extension():
    document = ColloquiumDocument(file="documents/compte-rendu.odt", file_format="", file_size=2048)

    assert document_label(document) == f"ODT – 2,00{NBSP}Ko"


@pytest.mark.django_db
def test_document_label_without_size_shows_the_format_alone():
    document = ColloquiumDocument(file="documents/a.pdf", file_format="PDF", file_size=None)

    assert document_label(document) == "PDF"


def test_document_label_of_no_document_is_empty():
    assert document_label(None) == ""


@pytest.mark.django_db
def test_filters_are_usable_in_templates():
    document = ColloquiumDocument(file="documents/a.pdf", file_format="PDF", file_size=1740000)
    template = Template(
        "{% load andelis_tags %}{{ doc|document_label }} / {{ 999|french_filesize }}"
    )

    assert template.render(Context({"doc": document})) == f"PDF – 1,66{NBSP}Mo / 999 octets"
