"""Bad requests get the protocol's own errors, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.oai.oai_xml import NS, error_codes, parse

pytestmark = pytest.mark.django_db


def answer(client, query):
    """The answer to a raw query string (repeated arguments, odd characters)."""
    return parse(client.get(f"/oai/?{query}"))


BAD_VERBS = [
    "",
    "verb=Dance",
    "verb=identify",  # verbs are case-sensitive
    "verb=Identify&verb=Identify",
    "verb=%00",
    "metadataPrefix=oai_dc",
]


def test_bad_verbs(client, marseille):
    for query in BAD_VERBS:
        root = answer(client, query)

        assert error_codes(root) == ["badVerb"], query
        assert root.find("oai:request", NS).attrib == {}, query


BAD_ARGUMENTS = [
    "verb=Identify&identifier=oai:localhost:talk/1",
    "verb=ListRecords",  # no metadataPrefix
    "verb=GetRecord&metadataPrefix=oai_dc",  # no identifier
    "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
    "verb=ListRecords&metadataPrefix=oai_dc&colour=blue",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-13-45",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-02-30",
    "verb=ListRecords&metadataPrefix=oai_dc&until=17-05-12",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-05-12T10:00:00",  # no Z
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-05-12T10:00Z",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-05-12T25:00:00Z",
    "verb=ListRecords&metadataPrefix=oai_dc&from=",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2019-01-01&until=2018-12-31",
    "verb=ListRecords&metadataPrefix=oai_dc&from=2019-01-01T00:00:01Z&until=2019-01-01T00:00:00Z",
    # Mixed granularities.
    "verb=ListRecords&metadataPrefix=oai_dc&from=2017-01-01&until=2030-01-01T00:00:00Z",
    "verb=ListIdentifiers&resumptionToken=abc&metadataPrefix=oai_dc",
    "verb=GetRecord&identifier=oai:localhost:talk/1%00&metadataPrefix=oai_dc",
]


def test_bad_arguments(client, marseille):
    for query in BAD_ARGUMENTS:
        root = answer(client, query)

        assert error_codes(root) == ["badArgument"], query
        assert root.find("oai:request", NS).attrib == {}, query


def test_a_bad_date_is_told_in_french(client, marseille):
    root = answer(client, "verb=ListRecords&metadataPrefix=oai_dc&from=2017-13-45")

    assert root.find("oai:error", NS).text == (
        "Date invalide pour « from » : « 2017-13-45 » (attendu : YYYY-MM-DD ou "
        "YYYY-MM-DDThh:mm:ssZ)."
    )


NOT_OUR_TOKENS = [
    "garbage",
    "",
    "eyJtIjoib2FpX2RjIn0:1vU0Kc:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "%C3%A9t%C3%A9",
]


def test_a_token_not_issued_here_is_a_bad_resumption_token(client, marseille):
    for token in NOT_OUR_TOKENS:
        for verb in ("ListRecords", "ListIdentifiers", "ListSets"):
            root = answer(client, f"verb={verb}&resumptionToken={token}")

            assert error_codes(root) == ["badResumptionToken"], (verb, token)
            # Not a badArgument: the request keeps its arguments.
            assert root.find("oai:request", NS).get("verb") == verb


def test_no_metadata_formats_is_never_due_every_record_has_oai_dc(client, marseille):
    """noMetadataFormats cannot arise: every record, even deleted, is in oai_dc."""
    for talk in marseille.contributions.all():
        root = answer(client, f"verb=ListMetadataFormats&identifier=oai:localhost:talk/{talk.pk}")
        assert error_codes(root) == []


ARGUMENT_NAMES = st.sampled_from(
    ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "x"]
)
VALUES = st.one_of(
    st.sampled_from(
        ["Identify", "ListRecords", "ListIdentifiers", "GetRecord", "ListSets", "oai_dc"]
    ),
    st.sampled_from(["ListMetadataFormats", "2017-05-12", "2017-05-12T00:00:00Z", "colloque"]),
    st.text(max_size=30),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(ARGUMENT_NAMES, VALUES), max_size=5))
def test_any_request_gets_a_well_formed_answer(client, marseille, pairs):
    for method in (client.get, client.post):
        parse(method("/oai/", _multi(pairs)))


def _multi(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
