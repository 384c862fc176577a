"""Selective harvesting: from/until dates, and long lists in pages with resumption tokens."""

import datetime

import pytest
import time_machine

from tests.factories import PersonFactory
from tests.oai.conftest import make_colloquium
from tests.oai.oai_xml import NS, error_codes, parse, texts

UTC = datetime.UTC
MARSEILLE_PUBLISHED = datetime.datetime(2024, 3, 1, 10, 0, 0, tzinfo=UTC)
LYON_PUBLISHED = datetime.datetime(2024, 3, 5, 16, 30, 0, tzinfo=UTC)


def oai(client, **params):
    return parse(client.get("/oai/", params))


def identifiers(root):
    return texts(root, ".//oai:header/oai:identifier")


def talks(n, prefix):
    return [{"title": f"{prefix} {i}", "video_url": f"https://v.example.org/{i}"} for i in range(n)]


@pytest.fixture
def archive(db, committed):
    """Marseille's 3 talks published on 1 March 2024, Lyon's 2 on 5 March."""
    with time_machine.travel(MARSEILLE_PUBLISHED, tick=False), committed():
        marseille = make_colloquium("Colloque de Marseille", "Marseille", 2017, talks(3, "M"))
    with time_machine.travel(LYON_PUBLISHED, tick=False), committed():
        lyon = make_colloquium("Colloque de Lyon", "Lyon", 2019, talks(2, "L"))
    return marseille, lyon


@pytest.mark.parametrize(
    ("dates", "titles"),
    [
        ({"from": "2024-03-02"}, ["L 0", "L 1"]),
        ({"until": "2024-03-01"}, ["M 0", "M 1", "M 2"]),  # the whole day
        ({"from": "2024-03-01", "until": "2024-03-05"}, ["M 0", "M 1", "M 2", "L 0", "L 1"]),
        ({"from": "2024-03-05T16:30:00Z"}, ["L 0", "L 1"]),
        ({"until": "2024-03-05T16:29:59Z"}, ["M 0", "M 1", "M 2"]),
        ({"from": "2024-03-01T10:00:00Z", "until": "2024-03-01T10:00:00Z"}, ["M 0", "M 1", "M 2"]),
    ],
)
def test_from_and_until_select_by_datestamp(client, archive, dates, titles):
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **dates)

    assert texts(root, ".//dc:title") == titles
    assert root.find("oai:request", NS).attrib == {
        "verb": "ListRecords",
        "metadataPrefix": "oai_dc",
        **dates,
    }


def test_dates_outside_every_datestamp_match_nothing(client, archive):
    for dates in (
        {"from": "2024-03-01T10:00:01Z", "until": "2024-03-05T16:29:59Z"},
        {"until": "2024-02-29"},
        {"from": "2030-01-01"},
    ):
        root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **dates)
        assert error_codes(root) == ["noRecordsMatch"], dates


def walk(client, verb, **params):
    """Every answer of a list, following its resumption tokens: [(root, token element)]."""
    pages = []
    root = oai(client, verb=verb, **params)
    while True:
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
        pages.append((root, token))
        if token is None or not token.text:
            return pages
        root = oai(client, verb=verb, resumptionToken=token.text)


def test_a_long_list_comes_in_pages_with_resumption_tokens(client, archive, settings):
    settings.OAI_PAGE_SIZE = 2

    pages = walk(client, "ListRecords", metadataPrefix="oai_dc")

    assert [len(root.findall(".//oai:record", NS)) for root, _token in pages] == [2, 2, 1]
    assert [(token.get("cursor"), token.get("completeListSize")) for _root, token in pages] == [
        ("0", "5"),
        ("2", "5"),
        ("4", "5"),
    ]
    # The last page says the list is complete with an empty token.
    assert pages[-1][1].text is None
    titles = [title for root, _token in pages for title in texts(root, ".//dc:title")]
    assert titles == ["M 0", "M 1", "M 2", "L 0", "L 1"]
    # A request with a token is answered with only the token as its argument.
    assert set(pages[1][0].find("oai:request", NS).attrib) == {"verb", "resumptionToken"}


def test_a_list_on_one_page_has_no_token(client, archive):
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert len(identifiers(root)) == 5
    assert root.find(".//oai:resumptionToken", NS) is None


def test_the_token_keeps_the_set_and_dates_of_the_first_request(client, archive, settings):
    settings.OAI_PAGE_SIZE = 2
    marseille, _lyon = archive
    marseille_set = f"colloque:{marseille.get_parent().pk}"

    pages = walk(
        client, "ListIdentifiers", metadataPrefix="oai_dc", set=marseille_set, until="2024-03-04"
    )

    assert [len(identifiers(root)) for root, _token in pages] == [2, 1]
    specs = {spec for root, _token in pages for spec in texts(root, ".//oai:setSpec")}
    assert specs == {marseille_set}


def test_a_record_changed_during_a_harvest_is_sent_again_at_the_end(
    client, archive, settings, committed
):
    settings.OAI_PAGE_SIZE = 2
    marseille, _lyon = archive
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert texts(first, ".//dc:title") == ["M 0", "M 1"]

    # An editor renames "M 0", already harvested, and removes "M 2", not yet harvested.
    with time_machine.travel(datetime.datetime(2024, 3, 6, 9, 0, tzinfo=UTC)), committed():
        marseille.contributions.get(title="M 0").delete()
        talk = marseille.contributions.get(title="M 1")
        talk.title = "M 1, revu"
        talk.save()
        marseille.save_revision().publish()

    token = first.find(".//oai:resumptionToken", NS).text
    rest = walk(client, "ListRecords", resumptionToken=token)

    later = [
        (header.find("oai:identifier", NS).text, header.get("status"))
        for root, _token in rest
        for header in root.findall(".//oai:header", NS)
    ]
    titles = [title for root, _token in rest for title in texts(root, ".//dc:title")]
    # Nothing is skipped: "M 2" and the Lyon talks, then the two changes.
    assert titles == ["M 2", "L 0", "L 1", "M 1, revu"]
    assert [status for _identifier, status in later] == [None, None, None, "deleted", None]


def test_an_incremental_harvest_gets_only_what_changed(client, archive, committed):
    marseille, _lyon = archive
    lafore = PersonFactory(name="Robert Lafore")
    with time_machine.travel(datetime.datetime(2024, 4, 1, 8, 0, tzinfo=UTC)), committed():
        talk = marseille.contributions.get(title="M 1")
        talk.speakers.set([lafore])
        talk.save()
        marseille.save_revision().publish()
    first_harvest = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    since = first_harvest.find("oai:responseDate", NS).text
    assert len(identifiers(first_harvest)) == 5

    with time_machine.travel(datetime.datetime(2031, 1, 1, 8, 0, tzinfo=UTC)), committed():
        lafore.name = "Robert Lafore-Dupont"
        lafore.save()
    with time_machine.travel(datetime.datetime(2031, 1, 2, 8, 0, tzinfo=UTC)):
        root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": since})

    assert texts(root, ".//dc:title") == ["M 1"]
    assert texts(root, ".//dc:creator") == ["Lafore-Dupont, Robert"]
    assert texts(root, ".//oai:datestamp") == ["2031-01-01T08:00:00Z"]
