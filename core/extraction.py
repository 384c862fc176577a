"""Text extraction from uploaded PDFs, page by page, for the site search.

``extract_text(fileobj, extension)`` reads a file and returns an ``Extraction``:
a status (one of ``ColloquiumDocument.ExtractionStatus``) and the text of each
page. It never raises on a bad file: a broken, encrypted or image-only PDF gets
its own status, which the admin shows to the editor in French.

``store_extraction(document)`` runs the extraction on a saved document and
stores the result (``DocumentPageText`` rows and the document's aggregated
``search_text``); the background task in ``core/tasks.py`` calls it.

Caps (settings, from the environment):
- ``ANDELIS_EXTRACTION_MAX_BYTES``: a larger file is not read at all;
- ``ANDELIS_EXTRACTION_MAX_PAGES``: only the first pages are read;
- ``ANDELIS_SEARCH_TEXT_MAX_CHARS``: the aggregated text given to the search
  index is cut there (PostgreSQL refuses a tsvector over 1 MB).
"""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

logger = logging.getLogger(__name__)

PENDING = "pending"
EXTRACTED = "extracted"
UNREADABLE = "unreadable"
ENCRYPTED = "encrypted"
NO_TEXT = "no_text"
NOT_PDF = "not_pdf"
TOO_LARGE = "too_large"

# Control characters (PostgreSQL refuses NUL in text; the search page uses
# two of them as highlight markers), except tab and newline.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SPACES = re.compile(r"[ \t\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class Extraction:
    status: str
    pages: list[str] = field(default_factory=list)
    truncated: bool = False


def max_bytes():
    return getattr(settings, "ANDELIS_EXTRACTION_MAX_BYTES", 50 * 1024 * 1024)


def max_pages():
    return getattr(settings, "ANDELIS_EXTRACTION_MAX_PAGES", 500)


def max_search_chars():
    return getattr(settings, "ANDELIS_SEARCH_TEXT_MAX_CHARS", 300_000)


def search_config():
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")


def clean_text(text):
    """Extracted text made safe to store and readable in a snippet."""
    text = CONTROL_CHARACTERS.sub(" ", text or "")
    text = SPACES.sub(" ", text)
    return BLANK_LINES.sub("\n\n", text).strip()


def _file_size(fileobj):
    position = fileobj.tell()
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def extract_text(fileobj, extension):
    """Read the text of each page of a PDF; never raises on a bad file."""
    if extension.lower().lstrip(".") != "pdf":
        return Extraction(NOT_PDF)
    try:
        if _file_size(fileobj) > max_bytes():
            return Extraction(TOO_LARGE)
        fileobj.seek(0)
        reader = PdfReader(fileobj)
        if reader.is_encrypted:
            # A PDF with only an owner password opens with the empty user password.
            try:
                if not reader.decrypt(""):
                    return Extraction(ENCRYPTED)
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                return Extraction(ENCRYPTED)
        page_total = len(reader.pages)
        limit = max_pages()
        pages = []
        for number in range(min(page_total, limit)):
            try:
                text = reader.pages[number].extract_text() or ""
            except FileNotDecryptedError:
                return Extraction(ENCRYPTED)
            except Exception:  # pypdf raises many kinds of errors on damaged pages
                logger.info("Page %s of a PDF could not be read", number + 1, exc_info=True)
                text = ""
            pages.append(clean_text(text))
    except FileNotDecryptedError:
        return Extraction(ENCRYPTED)
    except Exception:  # a file pypdf cannot parse at all
        logger.info("A PDF could not be read", exc_info=True)
        return Extraction(UNREADABLE)
    if not any(pages):
        return Extraction(NO_TEXT)
    return Extraction(EXTRACTED, pages, truncated=page_total > limit)


def aggregated_text(pages):
    """The text given to the search index: every page, bounded."""
    text = "\n\n".join(page for page in pages if page)
    return text[: max_search_chars()]


def store_extraction(document):
    """Extract ``document``'s text and store it, replacing what was there.

    Saving the document re-indexes it (Wagtail's search signal handlers).
    """
    from core.models import DocumentPageText

    try:
        with document.open_file() as fileobj:
            result = extract_text(fileobj, document.file_extension)
    except OSError:
        logger.warning("Document %s: file not found", document.pk, exc_info=True)
        result = Extraction(UNREADABLE)
    with transaction.atomic():
        DocumentPageText.objects.filter(document=document).delete()
        DocumentPageText.objects.bulk_create(
            DocumentPageText(document=document, page_number=number, text=text)
            for number, text in enumerate(result.pages, start=1)
            if text
        )
        if connection.vendor == "postgresql":
            DocumentPageText.objects.filter(document=document).update(
                search_vector=SearchVector("text", config=search_config())
            )
        document.extraction_status = result.status
        document.extraction_truncated = result.truncated
        document.search_text = aggregated_text(result.pages)
        document.save(update_fields=["extraction_status", "extraction_truncated", "search_text"])
    return result
