"""A real OAI-PMH harvester (Sickle) walks the repository over HTTP, as BASE or OpenAIRE do."""

import pytest
from django.core.management import call_command
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, IdDoesNotExist, NoRecordsMatch

from events.models import EventPage
from oai.models import HarvestRecord
from publications.models import ProceedingsPage
from tests.oai.conftest import make_colloquium

# The live server's requests commit: the data the tests write must be committed too, and
# the rows Wagtail's migrations create (root page, site) must survive each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def harvester(live_server, **options):
    return Sickle(f"{live_server.url}/oai/", max_retries=0, **options)


def talks(n, prefix):
    return [{"title": f"{prefix} {i}", "video_url": f"https://v.example.org/{i}"} for i in range(n)]


@pytest.fixture
def archive():
    """Seven talks in two colloquia; one withdrawn since."""
    marseille = make_colloquium("Colloque de Marseille", "Marseille", 2017, talks(4, "M"))
    lyon = make_colloquium("Colloque de Lyon", "Lyon", 2019, talks(3, "L"))
    marseille.contributions.filter(title="M 3").delete()
    marseille.save_revision().publish()
    return marseille, lyon


def test_sickle_walks_every_record_through_resumption_tokens(live_server, archive, settings):
    settings.OAI_PAGE_SIZE = 2  # seven records: four answers, three tokens
    sickle = harvester(live_server)

    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))

    assert len(records) == 7
    live = [record for record in records if not record.header.deleted]
    deleted = [record for record in records if record.header.deleted]
    assert sorted(record.metadata["title"][0] for record in live) == [
        "L 0", "L 1", "L 2", "M 0", "M 1", "M 2",
    ]  # fmt: skip
    assert [record.header.identifier for record in deleted] == [
        f"oai:localhost:talk/{HarvestRecord.objects.get(deleted=True).talk_id}"
    ]
    assert all(record.metadata["language"] == ["fr"] for record in live)
    identifiers = [header.identifier for header in sickle.ListIdentifiers(metadataPrefix="oai_dc")]
    assert sorted(identifiers) == sorted(record.header.identifier for record in records)


def test_sickle_harvests_a_colloquium_by_post(live_server, archive, settings):
    settings.OAI_PAGE_SIZE = 2
    _marseille, lyon = archive
    sickle = harvester(live_server, http_method="POST")
    lyon_set = f"colloque:{lyon.get_parent().pk}"

    identify = sickle.Identify()
    sets = {oai_set.setSpec: oai_set.setName for oai_set in sickle.ListSets()}
    formats = [f.metadataPrefix for f in sickle.ListMetadataFormats()]
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set=lyon_set))
    record = sickle.GetRecord(identifier=headers[0].identifier, metadataPrefix="oai_dc")

    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert sets[lyon_set] == "Colloque de Lyon"
    assert formats == ["oai_dc"]
    assert len(headers) == 3 and {h.setSpecs[0] for h in headers} == {lyon_set}
    assert record.metadata["source"] == ["Colloque de Lyon (Lyon, 2019-05-12)"]


def test_sickle_reads_the_protocol_errors(live_server, archive):
    sickle = harvester(live_server)

    with pytest.raises(NoRecordsMatch):
        list(sickle.ListRecords(metadataPrefix="oai_dc", set="colloque:0"))
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier="oai:localhost:talk/999999", metadataPrefix="oai_dc")
    with pytest.raises(BadArgument):
        list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": "2017-13-45"}))
    unknown_verb = sickle.harvest(verb="Harvest")  # Sickle reads errors of known verbs only
    assert unknown_verb.xml.find(".//{*}error").get("code") == "badVerb"


def test_the_demo_colloquiums_talks_are_harvestable(live_server):
    call_command("load_demo_content", verbosity=0)
    call_command("update_oai_records", verbosity=0)
    event = EventPage.objects.get(slug="colloque-2017-marseille")
    proceedings = ProceedingsPage.objects.child_of(event).get()
    sickle = harvester(live_server)

    records = list(sickle.ListRecords(metadataPrefix="oai_dc", set=f"colloque:{event.pk}"))

    assert len(records) == 6
    talks = proceedings.talks()
    assert [record.metadata["title"][0] for record in records] == [talk.title for talk in talks]
    for record, talk in zip(records, talks, strict=True):
        assert record.metadata["creator"], talk.title
        assert record.metadata["date"] == ["2017-11-20"]
        assert talk.get_full_url() in record.metadata["identifier"]
    assert {creator for record in records for creator in record.metadata["creator"]} >= {
        "Lafore, Robert"
    }
