"""What a file really is, read from its bytes rather than trusted from its name."""

from dataclasses import dataclass

import filetype
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# Extensions whose content has a recognisable signature, mapped to the
# signatures that may legitimately carry them.
SIGNATURES = {
    "pdf": {"pdf"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "zip": {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"},
}
TEXT_EXTENSIONS = {"txt", "csv"}

FORMAT_LABELS = {"txt": "Texte", "csv": "CSV"}


@dataclass(frozen=True)
class FileFacts:
    file_format: str
    page_count: int | None


def _head(fileobj, size=8192):
    position = fileobj.tell()
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(position)
    return head


def content_mismatch(fileobj, extension):
    """Return a French message if the bytes do not match ``extension``, else None."""
    extension = extension.lower().lstrip(".")
    head = _head(fileobj)
    guess = filetype.guess(head)
    detected = guess.extension if guess else None
    if extension in SIGNATURES:
        if detected in SIGNATURES[extension]:
            return None
        if detected:
            return _(
                "Ce fichier porte l'extension « .%(ext)s » mais son contenu est celui d'un "
                "fichier « .%(real)s ». Enregistrez-le au bon format puis envoyez-le à nouveau."
            ) % {"ext": extension, "real": detected}
        return _(
            "Ce fichier porte l'extension « .%(ext)s » mais son contenu n'est pas celui d'un "
            "fichier de ce type. Vérifiez que vous envoyez le bon fichier."
        ) % {"ext": extension}
    if extension in TEXT_EXTENSIONS and (detected or b"\x00" in head):
        return _(
            "Ce fichier porte l'extension « .%(ext)s » mais ne contient pas du texte. "
            "Vérifiez que vous envoyez le bon fichier."
        ) % {"ext": extension}
    return None


def inspect(fileobj, extension):
    """Format label and page count of a stored or uploaded file."""
    extension = extension.lower().lstrip(".")
    file_format = FORMAT_LABELS.get(extension, extension.upper())
    page_count = None
    if extension == "pdf":
        position = fileobj.tell()
        fileobj.seek(0)
        try:
            page_count = len(PdfReader(fileobj).pages)
        except (PyPdfError, ValueError, OSError, KeyError, TypeError):
            # A damaged PDF is still kept; it simply has no known page count.
            page_count = None
        finally:
            fileobj.seek(position)
    return FileFacts(file_format=file_format, page_count=page_count)
