"""The XML of OAI-PMH 2.0 responses (lxml), one small function per element."""

import datetime

from lxml import etree

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"


def utc(moment):
    """``2017-05-12T08:00:00Z``: the protocol's seconds granularity, in UTC."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def oai(parent, name, text=None, **attributes):
    """A child element in the OAI-PMH namespace."""
    element = etree.SubElement(parent, etree.QName(OAI_NS, name), attributes)
    if text is not None:
        element.text = str(text)
    return element


def envelope(base_url, arguments, now):
    """The ``<OAI-PMH>`` root with its ``responseDate`` and ``request``: ``arguments``
    (the verb among them) are the request element's attributes, or None when the
    request was not understood (badVerb, badArgument)."""
    root = etree.Element(etree.QName(OAI_NS, "OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(etree.QName(XSI_NS, "schemaLocation"), f"{OAI_NS} {OAI_SCHEMA}")
    oai(root, "responseDate", utc(now))
    oai(root, "request", base_url, **(arguments or {}))
    return root


def errors(root, problems):
    for code, message in problems:
        oai(root, "error", message, code=code)


def header(parent, record, identifier):
    element = oai(parent, "header")
    if record.deleted:
        element.set("status", "deleted")
    oai(element, "identifier", identifier)
    oai(element, "datestamp", utc(record.datestamp))
    oai(element, "setSpec", record.set_spec)
    return element


def record(parent, harvest_record, identifier):
    """A ``<record>``: its header, and its Dublin Core unless it was deleted."""
    element = oai(parent, "record")
    header(element, harvest_record, identifier)
    if not harvest_record.deleted:
        oai(element, "metadata").append(etree.fromstring(harvest_record.metadata))
    return element


def resumption_token(parent, token, complete_list_size, cursor):
    """The list's last child: a token to go on, or an empty one on the last page."""
    return oai(
        parent,
        "resumptionToken",
        token or None,
        completeListSize=str(complete_list_size),
        cursor=str(cursor),
    )


def oai_identifier_description(parent, repository_identifier, sample_identifier):
    """Identify's ``<description>`` in the oai-identifier scheme (how identifiers are made)."""
    description = oai(parent, "description")
    scheme = etree.SubElement(
        description,
        etree.QName(IDENTIFIER_NS, "oai-identifier"),
        nsmap={None: IDENTIFIER_NS},
    )
    scheme.set(etree.QName(XSI_NS, "schemaLocation"), f"{IDENTIFIER_NS} {IDENTIFIER_SCHEMA}")
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository_identifier),
        ("delimiter", ":"),
        ("sampleIdentifier", sample_identifier),
    ):
        etree.SubElement(scheme, etree.QName(IDENTIFIER_NS, name)).text = value
    return description


def serialize(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
