"""The six OAI-PMH verbs, answered as a harvester reads them."""

import pytest

from oai.models import HarvestRecord
from tests.oai.oai_xml import NS, error_codes, parse, texts

pytestmark = pytest.mark.django_db


def oai(client, **params):
    return parse(client.get("/oai/", params))


def identifier(talk):
    return f"oai:localhost:talk/{talk.pk}"


def test_identify_names_the_repository_and_its_rules(client, marseille):
    root = oai(client, verb="Identify")

    identify = root.find("oai:Identify", NS)
    assert texts(identify, "oai:repositoryName") == ["ANDELIS – traces des colloques"]
    assert texts(identify, "oai:baseURL") == ["http://localhost/oai/"]
    assert texts(identify, "oai:protocolVersion") == ["2.0"]
    assert texts(identify, "oai:deletedRecord") == ["persistent"]
    assert texts(identify, "oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert "@" in texts(identify, "oai:adminEmail")[0]
    earliest = min(HarvestRecord.objects.values_list("datestamp", flat=True))
    assert texts(identify, "oai:earliestDatestamp") == [earliest.strftime("%Y-%m-%dT%H:%M:%SZ")]
    assert root.find("oai:request", NS).attrib == {"verb": "Identify"}
    # "localhost" is no domain name: the oai-identifier description would be invalid.
    assert identify.find("oai:description", NS) is None


def test_identify_describes_identifiers_under_a_domain_name(client, marseille, settings):
    settings.OAI_REPOSITORY_IDENTIFIER = "colloques.andelis.fr"

    root = oai(client, verb="Identify")

    scheme = root.find("oai:Identify/oai:description/id:oai-identifier", NS)
    assert texts(scheme, "id:repositoryIdentifier") == ["colloques.andelis.fr"]
    assert texts(scheme, "id:sampleIdentifier") == ["oai:colloques.andelis.fr:talk/1"]
    talk = marseille.contributions.first()
    record = oai(
        client,
        verb="GetRecord",
        identifier=f"oai:colloques.andelis.fr:talk/{talk.pk}",
        metadataPrefix="oai_dc",
    )
    assert texts(record, ".//oai:header/oai:identifier") == [
        f"oai:colloques.andelis.fr:talk/{talk.pk}"
    ]


def test_list_metadata_formats_offers_oai_dc(client, marseille):
    talk = marseille.contributions.first()

    for params in ({}, {"identifier": identifier(talk)}):
        root = oai(client, verb="ListMetadataFormats", **params)
        assert texts(root, ".//oai:metadataPrefix") == ["oai_dc"]
        assert texts(root, ".//oai:metadataNamespace") == [
            "http://www.openarchives.org/OAI/2.0/oai_dc/"
        ]
        assert texts(root, ".//oai:schema") == ["http://www.openarchives.org/OAI/2.0/oai_dc.xsd"]

    unknown = oai(client, verb="ListMetadataFormats", identifier="oai:localhost:talk/999999")
    assert error_codes(unknown) == ["idDoesNotExist"]


def test_list_sets_has_one_set_per_colloquium(client, marseille, lyon):
    root = oai(client, verb="ListSets")

    sets = dict(zip(texts(root, ".//oai:setSpec"), texts(root, ".//oai:setName"), strict=True))
    assert sets == {
        "colloque": "Colloques",
        f"colloque:{marseille.get_parent().pk}": "Colloque de Marseille",
        f"colloque:{lyon.get_parent().pk}": "Colloque de Lyon",
    }


def test_an_empty_repository_has_no_set_hierarchy_and_no_records(client, db):
    assert error_codes(oai(client, verb="ListSets")) == ["noSetHierarchy"]
    assert error_codes(oai(client, verb="ListRecords", metadataPrefix="oai_dc")) == [
        "noRecordsMatch"
    ]
    assert oai(client, verb="Identify").find("oai:Identify", NS) is not None


def test_get_record_gives_the_talks_dublin_core(client, marseille):
    talk = marseille.contributions.get(title="Évolution des politiques publiques")
    event = marseille.get_parent()

    root = oai(client, verb="GetRecord", identifier=identifier(talk), metadataPrefix="oai_dc")

    header = root.find("oai:GetRecord/oai:record/oai:header", NS)
    assert texts(header, "oai:identifier") == [identifier(talk)]
    assert texts(header, "oai:setSpec") == [f"colloque:{event.pk}"]
    dc = root.find(".//oai_dc:dc", NS)
    page_url = f"http://localhost{marseille.url}evolution-des-politiques-publiques/"
    assert texts(dc, "dc:title") == ["Évolution des politiques publiques"]
    assert texts(dc, "dc:creator") == ["Lafore, Robert"]
    assert texts(dc, "dc:description") == ["Trente ans de politiques sociales."]
    assert texts(dc, "dc:publisher") == ["ANDELIS"]
    assert texts(dc, "dc:date") == ["2017-05-12"]
    assert texts(dc, "dc:type") == [
        "info:eu-repo/semantics/conferenceObject",
        "Text",
        "MovingImage",
    ]
    assert texts(dc, "dc:format") == ["application/pdf"]
    assert texts(dc, "dc:identifier") == [page_url, f"http://localhost{talk.document.url}"]
    assert texts(dc, "dc:language") == ["fr"]
    assert texts(dc, "dc:source") == ["Colloque de Marseille (Marseille, 2017-05-12)"]
    assert texts(dc, "dc:relation") == [
        f"http://localhost{marseille.url}",
        "https://video.example.org/lafore",
    ]


def test_a_group_of_speakers_is_one_creator_as_written(client, marseille):
    talk = marseille.contributions.get(title="Paroles d’étudiants")

    root = oai(client, verb="GetRecord", identifier=identifier(talk), metadataPrefix="oai_dc")

    assert texts(root, ".//dc:creator") == ["Les étudiants DEIS"]
    assert texts(root, ".//dc:format") == []  # a video only
    assert texts(root, ".//dc:type") == ["info:eu-repo/semantics/conferenceObject", "MovingImage"]


def test_get_record_errors(client, marseille):
    talk = marseille.contributions.first()

    unknown = oai(
        client, verb="GetRecord", identifier="oai:localhost:talk/999999", metadataPrefix="oai_dc"
    )
    assert error_codes(unknown) == ["idDoesNotExist"]
    # Another repository's identifier, or none of ours.
    for other in (f"oai:example.org:talk/{talk.pk}", "http://localhost/", "oai:localhost:talk/0"):
        root = oai(client, verb="GetRecord", identifier=other, metadataPrefix="oai_dc")
        assert error_codes(root) == ["idDoesNotExist"]
    wrong_format = oai(client, verb="GetRecord", identifier=identifier(talk), metadataPrefix="mods")
    assert error_codes(wrong_format) == ["cannotDisseminateFormat"]
    # A format error keeps the request's arguments in the answer.
    assert wrong_format.find("oai:request", NS).attrib == {
        "verb": "GetRecord",
        "identifier": identifier(talk),
        "metadataPrefix": "mods",
    }
    both = oai(client, verb="GetRecord", identifier="oai:x:talk/1", metadataPrefix="mods")
    assert error_codes(both) == ["idDoesNotExist", "cannotDisseminateFormat"]


def test_list_records_and_identifiers_by_set(client, marseille, lyon):
    lyon_set = f"colloque:{lyon.get_parent().pk}"

    records = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set=lyon_set)
    headers = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=lyon_set)

    assert sorted(texts(records, ".//dc:title")) == [
        "Le DEIS dix ans après",
        "Territoires et ingénierie",
    ]
    assert texts(headers, ".//oai:setSpec") == [lyon_set, lyon_set]
    assert headers.find(".//oai:metadata", NS) is None
    # The parent set holds every colloquium's talks.
    everything = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="colloque")
    assert len(everything.findall(".//oai:header", NS)) == 5
    nowhere = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="colloque:0")
    assert error_codes(nowhere) == ["noRecordsMatch"]
    wrong_format = oai(client, verb="ListIdentifiers", metadataPrefix="marc21")
    assert error_codes(wrong_format) == ["cannotDisseminateFormat"]


def test_post_is_answered_as_get(client, marseille):
    got = client.get("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    posted = client.post("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})

    assert texts(parse(posted), ".//oai:identifier") == texts(parse(got), ".//oai:identifier")
    assert parse(posted).find("oai:request", NS).attrib == {
        "verb": "ListIdentifiers",
        "metadataPrefix": "oai_dc",
    }


def test_answers_are_never_kept_by_a_cache(client, marseille):
    response = client.get("/oai/", {"verb": "Identify"})

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
