"""The search entries follow the talks, and can be rebuilt from scratch."""

from io import StringIO

from django.core.management import call_command

from search.models import SearchEntry
from search.query import search


def titles(query):
    return [result.title for result in search(query).results]


def test_a_renamed_talk_is_found_by_its_new_title_and_shown_with_it(archive):
    talk = archive["talk"]
    assert titles("zootechnie") == []
    talk.title = "Zootechnie comparée"
    talk.save()
    assert titles("zootechnie") == ["Zootechnie comparée"]
    assert titles("hétérotopies") == ["Zootechnie comparée"]


def test_update_search_entries_rebuilds_every_entry(archive):
    assert titles("hétérotopies") == ["Ingénierie sociale et territoires"]
    SearchEntry.objects.all().delete()
    assert titles("hétérotopies") == []
    call_command("update_search_entries", stdout=StringIO())
    response = search("hétérotopies")
    assert [r.title for r in response.results] == ["Ingénierie sociale et territoires"]
    assert response.results[0].page_number == 2
    assert response.results[0].speaker_text == "Laëtitia Fontaine"


def test_deleting_a_colloquium_removes_its_entries_and_writes_none(archive):
    """Wagtail unpublishes each deleted page in pre_delete: no entry may name it then."""
    from django.db import connection

    event = archive["event"]
    subtree = list(event.get_descendants(inclusive=True).values_list("pk", flat=True))
    assert SearchEntry.objects.filter(page_id__in=subtree).exists()

    event.delete()
    connection.check_constraints()  # an entry naming a deleted page would fail here

    assert not SearchEntry.objects.filter(page_id__in=subtree).exists()
    assert not SearchEntry.objects.filter(document=archive["talk_document"]).exists()
    assert SearchEntry.objects.filter(document=archive["other_document"]).exists()
