"""Reading OAI-PMH answers in tests, and checking their shape against the protocol's schema:
the namespace, responseDate in UTC, the request element (no attribute after badVerb or
badArgument), then either errors or one element named after the verb, headers, records
(metadata unless deleted), a resumption token last."""

import re

from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {
    "oai": OAI,
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
UTC_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
ERROR_CODES = {
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
}
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date",
    "type", "format", "identifier", "source", "language", "relation", "coverage", "rights",
}  # fmt: skip
REQUEST_ATTRIBUTES = {
    "verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken",
}  # fmt: skip


def local(element):
    return etree.QName(element).localname


def oai_children(element):
    return [child for child in element if isinstance(child.tag, str)]


def check_header(header):
    names = [local(child) for child in oai_children(header)]
    assert names[:2] == ["identifier", "datestamp"], names
    assert set(names[2:]) <= {"setSpec"}, names
    assert UTC_SECONDS.fullmatch(header.find("oai:datestamp", NS).text)
    assert header.get("status") in (None, "deleted")


def check_record(record):
    children = oai_children(record)
    assert local(children[0]) == "header"
    check_header(children[0])
    deleted = children[0].get("status") == "deleted"
    names = [local(child) for child in children[1:]]
    assert names == ([] if deleted else ["metadata"]), names
    if not deleted:
        (dc,) = oai_children(children[1])
        assert dc.tag == f"{{{NS['oai_dc']}}}dc"
        for element in oai_children(dc):
            assert etree.QName(element).namespace == NS["dc"]
            assert local(element) in DC_ELEMENTS
            assert element.text and element.text.strip()


def check_shape(root):
    """Assert that ``root`` has the shape the OAI-PMH 2.0 schema asks for."""
    assert root.tag == f"{{{OAI}}}OAI-PMH"
    children = oai_children(root)
    assert [local(c) for c in children[:2]] == ["responseDate", "request"]
    assert UTC_SECONDS.fullmatch(children[0].text)
    request, rest = children[1], children[2:]
    assert request.text.startswith("http")
    assert set(request.attrib) <= REQUEST_ATTRIBUTES
    assert rest, "no error and no answer"
    if local(rest[0]) == "error":
        codes = [error.get("code") for error in rest]
        assert all(local(error) == "error" for error in rest)
        assert set(codes) <= ERROR_CODES, codes
        assert all(error.text and error.text.strip() for error in rest)
        if {"badVerb", "badArgument"} & set(codes):
            assert dict(request.attrib) == {}
        return
    (answer,) = rest
    assert local(answer) == request.get("verb")
    items = oai_children(answer)
    if items and local(items[-1]) == "resumptionToken":
        items = items[:-1]
    for item in items:
        assert local(item) != "resumptionToken", "a resumption token must come last"
        if local(item) == "header":
            check_header(item)
        elif local(item) == "record":
            check_record(item)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    check_shape(root)
    return root


def error_codes(root):
    return [error.get("code") for error in root.findall("oai:error", NS)]


def texts(element, path):
    return [found.text for found in element.findall(path, NS)]
