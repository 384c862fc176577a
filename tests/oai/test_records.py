"""The harvestable records follow what is published: withdrawn talks are reported deleted,
and a datestamp moves only when what a harvester receives changes."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from core.models import SiteSettings
from oai.models import HarvestRecord
from tests.oai.oai_xml import NS, error_codes, parse, texts

UTC = datetime.UTC
pytestmark = pytest.mark.django_db
LATER = datetime.datetime(2030, 6, 1, 12, 0, tzinfo=UTC)


def oai(client, **params):
    return parse(client.get("/oai/", params))


def headers(client):
    """{identifier: (status, datestamp)} of every record, as ListIdentifiers gives them."""
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    return {
        header.find("oai:identifier", NS).text: (
            header.get("status"),
            header.find("oai:datestamp", NS).text,
        )
        for header in root.findall(".//oai:header", NS)
    }


def identifier(talk_id):
    return f"oai:localhost:talk/{talk_id}"


def talk_ids(proceedings):
    return list(proceedings.contributions.values_list("pk", flat=True))


def test_publishing_proceedings_exposes_each_talk_in_its_colloquiums_set(marseille):
    rows = HarvestRecord.objects.order_by("talk_id")

    assert [row.talk_id for row in rows] == sorted(talk_ids(marseille))
    assert {row.set_spec for row in rows} == {f"colloque:{marseille.get_parent().pk}"}
    assert not any(row.deleted for row in rows)


def test_publishing_again_unchanged_keeps_every_datestamp(client, marseille, committed):
    before = headers(client)

    with time_machine.travel(LATER), committed():
        marseille.save_revision().publish()

    assert headers(client) == before


def test_a_changed_talk_alone_gets_a_new_datestamp(client, marseille, committed):
    before = headers(client)
    talk = marseille.contributions.get(title="Ingénierie et recherche")

    with time_machine.travel(LATER, tick=False), committed():
        talk.abstract = "Ce que la recherche doit à l’ingénierie."
        talk.save()
        marseille.save_revision().publish()

    after = headers(client)
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {identifier(talk.pk)}
    assert after[identifier(talk.pk)] == (None, "2030-06-01T12:00:00Z")


def test_a_talk_removed_from_the_proceedings_is_reported_deleted(client, marseille, committed):
    talk_id = marseille.contributions.get(title="Ingénierie et recherche").pk

    with time_machine.travel(LATER, tick=False), committed():
        marseille.contributions.filter(pk=talk_id).delete()
        marseille.save_revision().publish()

    assert headers(client)[identifier(talk_id)] == ("deleted", "2030-06-01T12:00:00Z")
    root = oai(client, verb="GetRecord", identifier=identifier(talk_id), metadataPrefix="oai_dc")
    record = root.find(".//oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None
    # Its set still finds it, so that a harvester of the colloquium learns of it.
    spec = f"colloque:{marseille.get_parent().pk}"
    in_set = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    assert identifier(talk_id) in texts(in_set, ".//oai:identifier")


def test_unpublished_proceedings_are_deleted_and_come_back_when_republished(
    client, marseille, committed
):
    with committed():
        marseille.unpublish()
    assert {status for status, _date in headers(client).values()} == {"deleted"}

    with time_machine.travel(LATER, tick=False), committed():
        marseille.save_revision().publish()

    assert set(headers(client).values()) == {(None, "2030-06-01T12:00:00Z")}


def test_private_proceedings_are_deleted_until_public_again(client, marseille, committed):
    event = marseille.get_parent()
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert {status for status, _date in headers(client).values()} == {"deleted"}

    with committed():
        restriction.delete()
    assert {status for status, _date in headers(client).values()} == {None}


def test_deleted_proceedings_stay_as_deleted_records(client, marseille, committed):
    ids = talk_ids(marseille)

    with committed():
        marseille.get_parent().delete()  # the colloquium, and its proceedings with it

    assert {identifier(pk): "deleted" for pk in ids} == {
        key: status for key, (status, _date) in headers(client).items()
    }


def test_a_renamed_person_renames_the_creator(client, marseille, committed):
    talk = marseille.contributions.get(title="Évolution des politiques publiques")
    lafore = talk.speakers.get()

    with committed():
        lafore.name = "Robert Lafore-Martin"
        lafore.save()

    root = oai(client, verb="GetRecord", identifier=identifier(talk.pk), metadataPrefix="oai_dc")
    assert texts(root, ".//dc:creator") == ["Lafore-Martin, Robert"]


def test_the_venue_city_and_the_publisher_follow_their_edits(client, marseille, committed):
    talk = marseille.contributions.get(title="Ingénierie et recherche")
    venue = marseille.get_parent().specific.venue

    with committed():
        venue.city = "Aix-en-Provence"
        venue.save()
        site_settings = SiteSettings.load()
        site_settings.association_name = "ANDELIS (association)"
        site_settings.save()

    root = oai(client, verb="GetRecord", identifier=identifier(talk.pk), metadataPrefix="oai_dc")
    assert texts(root, ".//dc:source") == ["Colloque de Marseille (Aix-en-Provence, 2017-05-12)"]
    assert texts(root, ".//dc:publisher") == ["ANDELIS (association)"]


def test_a_new_colloquium_address_changes_the_talks_addresses(client, marseille, committed):
    event = marseille.get_parent().specific
    talk = marseille.contributions.get(title="Ingénierie et recherche")

    with committed():
        event.slug = "colloque-marseille-2017"
        event.save_revision().publish()

    root = oai(client, verb="GetRecord", identifier=identifier(talk.pk), metadataPrefix="oai_dc")
    assert texts(root, ".//dc:identifier") == [
        "http://localhost/colloques/colloque-marseille-2017/traces-du-colloque/ingenierie-et-recherche/"
    ]


def test_update_oai_records_rebuilds_the_table(client, marseille):
    expected = {row.talk_id: row.metadata for row in HarvestRecord.objects.all()}
    HarvestRecord.objects.all().delete()
    assert error_codes(oai(client, verb="ListRecords", metadataPrefix="oai_dc")) == [
        "noRecordsMatch"
    ]

    first, second = io.StringIO(), io.StringIO()
    call_command("update_oai_records", stdout=first)
    call_command("update_oai_records", stdout=second)

    assert {row.talk_id: row.metadata for row in HarvestRecord.objects.all()} == expected
    assert first.getvalue() == "3 OAI-PMH records created or changed; 3 in all, 0 deleted\n"
    assert second.getvalue() == "0 OAI-PMH records created or changed; 3 in all, 0 deleted\n"
