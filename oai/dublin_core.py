"""A talk's record in unqualified Dublin Core (``oai_dc``), from ``talk_record``.

Which element says what (docs/oai-pmh.md):

- ``title``; one ``creator`` per speaker, "Family, Given" for a person, the group's
  label as written otherwise;
- ``publisher``: the association; ``date``: the colloquium's first day (YYYY-MM-DD);
- ``type``: the OpenAIRE / DRIVER term ``info:eu-repo/semantics/conferenceObject``,
  and the DCMI type of what is online (``Text`` for a document, ``MovingImage`` for
  a video);
- ``format``: the document's media type; ``language``: ``fr``;
- ``identifier``: the talk's page, then its PDF (aggregators link the full text);
- ``source``: the colloquium, its city and date; ``relation``: its proceedings page
  and the video; ``description``: the abstract.
"""

import mimetypes
import re

from lxml import etree

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CONFERENCE_OBJECT = "info:eu-repo/semantics/conferenceObject"

# Characters XML 1.0 cannot carry (a form feed pasted from a PDF, a NUL).
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value):
    """``value`` as text an XML document can hold."""
    return NOT_XML.sub("", str(value)).strip()


def creator_name(author):
    """How Dublin Core usage writes a person: "Lafore, Robert"."""
    if author.is_person and author.given:
        return f"{author.family}, {author.given}"
    return author.name


def media_type(document_format):
    """``PDF`` → ``application/pdf``; empty when the format is unknown."""
    if not document_format:
        return ""
    guessed, _encoding = mimetypes.guess_type(f"document.{document_format.lower()}")
    return guessed or ""


def conference_source(record):
    """ "Colloque 2017 : … (Marseille, 2017-05-12)": the colloquium the talk was given at."""
    details = [part for part in (record.place, _iso(record.conference_date)) if part]
    if not record.conference_title:
        return ""
    if details:
        return f"{record.conference_title} ({', '.join(details)})"
    return record.conference_title


def _iso(day):
    return day.isoformat() if day else ""


def dublin_core_values(record):
    """(element name, value) pairs of ``record`` (a ``TalkRecord``), in schema order."""
    values = [("title", record.title)]
    values += [("creator", creator_name(author)) for author in record.authors]
    values += [
        ("description", record.abstract),
        ("publisher", record.publisher),
        ("date", _iso(record.conference_date)),
        ("type", CONFERENCE_OBJECT),
    ]
    if record.document_url:
        values.append(("type", "Text"))
    if record.video_url:
        values.append(("type", "MovingImage"))
    values += [
        ("format", media_type(record.document_format)),
        ("identifier", record.url),
        ("identifier", record.pdf_url),
        ("source", conference_source(record)),
        ("language", record.language),
        ("relation", record.proceedings_url),
        ("relation", record.video_url),
    ]
    return [(name, xml_text(value)) for name, value in values if value and xml_text(value)]


def oai_dc_element(record):
    """The ``<oai_dc:dc>`` element of ``record``."""
    dc = etree.Element(
        etree.QName(OAI_DC_NS, "dc"),
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    dc.set(etree.QName(XSI_NS, "schemaLocation"), f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for name, value in dublin_core_values(record):
        etree.SubElement(dc, etree.QName(DC_NS, name)).text = value
    return dc


def oai_dc_xml(record):
    """The ``<oai_dc:dc>`` element of ``record`` as text, as ``HarvestRecord`` stores it."""
    return etree.tostring(oai_dc_element(record), encoding="unicode")
