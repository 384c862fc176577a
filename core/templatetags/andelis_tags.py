from django import template
from django.utils.formats import number_format

register = template.Library()

KILO = 1024


@register.filter
def french_filesize(size):
    """Size the way the association's pages always showed it: "167,22 Ko", "1,66 Mo"."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < KILO:
        return f"{size} octets"
    if size < KILO * KILO:
        return f"{number_format(size / KILO, 2, use_l10n=True)}\u00a0Ko"
    if size < KILO**3:
        return f"{number_format(size / KILO**2, 2, use_l10n=True)}\u00a0Mo"
    return f"{number_format(size / KILO**3, 2, use_l10n=True)}\u00a0Go"


@register.filter
def document_label(document):
    """'PDF – 167,22 Ko' for a document, as shown next to every download link."""
    if document is None:
        return ""
    parts = [document.file_format or document.file_extension.upper()]
    size = french_filesize(document.file_size)
    if size:
        parts.append(size)
    return " – ".join(p for p in parts if p)
