"""'Préparer l'édition suivante': the next colloquium starts as a copy of this one."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import EventPage, EventPartner
from events.next_edition import next_slug, next_title, prepare_next_edition
from publications.models import ArgumentPage, ProceedingsPage
from tests.factories import (
    ArgumentPageFactory,
    ColloquiumDocumentFactory,
    EventImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    FootnoteFactory,
    PersonFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
    paris,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colloquium_2017():
    event = EventPageFactory(
        title="Colloque national 2017",
        slug="colloque-2017",
        start=paris(2017, 11, 20, 9),
        end=paris(2017, 11, 21, 16, 30),
        status=EventPage.Status.POSTPONED,
        poster=ColloquiumDocumentFactory(title="Programme 2017"),
    )
    lafore, paquet = PersonFactory(name="Robert Lafore"), PersonFactory(name="Michel Paquet")
    ProgrammeItemFactory(page=event, title="Accueil", sort_order=0, day=datetime.date(2017, 11, 20))
    ProgrammeItemFactory(
        page=event,
        title="Dix ans de DEIS",
        sort_order=1,
        day=datetime.date(2017, 11, 20),
        start_time=datetime.time(10, 0),
        speakers=[lafore, paquet],
    )
    ProgrammeItemFactory(page=event, title="Clôture", sort_order=2, day=datetime.date(2017, 11, 21))
    EventSpeakerFactory(page=event, person=lafore, sort_order=0)
    EventPartnerFactory(page=event, role=EventPartner.Role.ORGANISER, sort_order=0)
    EventPartnerFactory(page=event, role=EventPartner.Role.MEDIA, sort_order=1)
    EventImageFactory(page=event)
    argument = ArgumentPageFactory(parent=event, title="Argumentaire")
    for number in (1, 2):
        FootnoteFactory(page=argument, text=f"<p>Note {number}.</p>")
    ProceedingsPageFactory(parent=event)
    return EventPage.objects.get(pk=event.pk)


def test_titles_and_slugs_move_to_the_next_year():
    assert next_title("Colloque national 2017") == "Colloque national 2018"
    assert next_title("Journée d'étude") == "Journée d'étude (édition suivante)"
    index = EventIndexPageFactory()
    EventPageFactory(parent=index, slug="colloque-2018")
    source = EventPageFactory(parent=index, slug="colloque-2017")
    # The next year's slug is taken: a free variant, never a clash.
    assert next_slug(source, index, "Colloque 2018") == "colloque-2018-2"


def test_copy_keeps_the_structure(colloquium_2017, editor):
    copy = prepare_next_edition(colloquium_2017, editor)

    assert copy.title == "Colloque national 2018"
    assert copy.slug == "colloque-2018"
    assert copy.get_parent().pk == colloquium_2017.get_parent().pk
    assert copy.venue_id == colloquium_2017.venue_id
    assert copy.subtitle == colloquium_2017.subtitle
    programme = list(copy.programme_items.order_by("sort_order"))
    assert [item.title for item in programme] == ["Accueil", "Dix ans de DEIS", "Clôture"]
    assert programme[1].start_time == datetime.time(10, 0)
    assert sorted(p.name for p in programme[1].speakers.all()) == ["Michel Paquet", "Robert Lafore"]
    assert [s.person.name for s in copy.speakers.all()] == ["Robert Lafore"]
    assert [(link.partner_id, link.role) for link in copy.event_partners.all()] == [
        (link.partner_id, link.role) for link in colloquium_2017.event_partners.all()
    ]
    # The source is untouched: its items were copied, not moved.
    assert colloquium_2017.programme_items.count() == 3
    assert colloquium_2017.event_partners.count() == 2


def test_copy_brings_the_argument_essay_with_its_footnotes_but_not_the_proceedings(
    colloquium_2017, editor
):
    copy = prepare_next_edition(colloquium_2017, editor)

    [argument] = ArgumentPage.objects.child_of(copy)
    assert not argument.live
    source = ArgumentPage.objects.child_of(colloquium_2017).get()
    assert argument.body.get_prep_value() == source.body.get_prep_value()
    assert [n.text for n in argument.footnotes.order_by("sort_order")] == [
        "<p>Note 1.</p>",
        "<p>Note 2.</p>",
    ]
    assert not ProceedingsPage.objects.child_of(copy).exists()


def test_copy_clears_what_belongs_to_one_edition(colloquium_2017, editor):
    copy = prepare_next_edition(colloquium_2017, editor)

    assert not copy.live
    assert copy.start is None and copy.end is None
    assert copy.status == EventPage.Status.SCHEDULED
    assert copy.poster is None
    assert not copy.images.exists()
    assert [item.day for item in copy.programme_items.all()] == [None, None, None]
    # The draft's revision holds the same cleared values (the editor opens that).
    revision = copy.get_latest_revision_as_object()
    assert revision.start is None and revision.title == "Colloque national 2018"


def test_editor_prepares_the_next_edition_from_the_admin_and_lands_in_the_draft(
    client, colloquium_2017, editor
):
    client.force_login(editor)
    url = reverse("events_prepare_next_edition", args=[colloquium_2017.pk])

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[colloquium_2017.pk]))
    assert url in edit_page.content.decode()
    assert "Préparer l'édition suivante" in unescape(edit_page.content.decode())
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Colloque national 2018" in confirmation.content.decode()

    response = client.post(url, follow=True)

    copy = EventPage.objects.get(slug="colloque-2018")
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    html = unescape(response.content.decode())
    assert "Colloque national 2018" in html
    assert "Indiquez ses dates" in html


def test_the_action_is_in_the_events_listing_for_editors_only_on_events(
    client, colloquium_2017, editor
):
    client.force_login(editor)
    index = colloquium_2017.get_parent()
    listing = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert reverse("events_prepare_next_edition", args=[colloquium_2017.pk]) in listing
    # Under the event, its essay and proceedings get no such action.
    children = client.get(reverse("wagtailadmin_explore", args=[colloquium_2017.pk]))
    found = re.findall(r"/admin/colloques/(\d+)/edition-suivante/", children.content.decode())
    assert set(found) == {str(colloquium_2017.pk)}


def edit_form_data(copy):
    """The edit form of a prepared edition as the editor submits it, nothing changed."""
    items = list(copy.programme_items.order_by("sort_order"))
    links = list(copy.event_partners.all())
    data = nested_form_data(
        {
            "title": copy.title,
            "slug": copy.slug,
            "status": "scheduled",
            "is_free": True,
            "venue": copy.venue_id,
            "introduction": rich_text(copy.introduction),
            "registration_information": rich_text(copy.registration_information),
            "programme_items": inline_formset(
                [
                    {
                        "id": item.pk,
                        "start_time": item.start_time.strftime("%H:%M") if item.start_time else "",
                        "end_time": item.end_time.strftime("%H:%M") if item.end_time else "",
                        "kind": item.kind,
                        "title": item.title,
                        "speakers": [str(p.pk) for p in item.speakers.all()],
                        "ORDER": str(index),
                    }
                    for index, item in enumerate(items)
                ],
                initial=len(items),
            ),
            "speakers": inline_formset(
                [{"id": s.pk, "person": s.person_id, "ORDER": "0"} for s in copy.speakers.all()],
                initial=copy.speakers.count(),
            ),
            "event_partners": inline_formset(
                [
                    {"id": link.pk, "partner": link.partner_id, "role": link.role, "ORDER": str(i)}
                    for i, link in enumerate(links)
                ],
                initial=len(links),
            ),
            "images": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["title"] = copy.get_latest_revision_as_object().title
    data["slug"] = copy.get_latest_revision_as_object().slug
    return data


def test_the_draft_without_dates_saves_but_cannot_be_submitted(client, colloquium_2017, editor):
    copy = prepare_next_edition(colloquium_2017, editor)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    data = edit_form_data(copy)
    data["subtitle"] = "Vingt ans après"

    saved = client.post(edit_url, data)
    assert saved.status_code == 302
    copy.refresh_from_db()
    assert copy.subtitle == "Vingt ans après"
    assert copy.programme_items.count() == 3

    submitted = client.post(edit_url, {**data, "action-submit": "1"})
    assert submitted.status_code == 200
    errors = submitted.context["form"].errors
    assert "start" in errors and "end" in errors, errors
    assert "Champ requis." in str(errors["start"])
    assert copy.workflow_states.count() == 0


def test_someone_without_edit_rights_cannot_prepare_it(client, colloquium_2017, django_user_model):
    visitor = django_user_model.objects.create_user("visiteur", password="x")
    client.force_login(visitor)
    url = reverse("events_prepare_next_edition", args=[colloquium_2017.pk])
    assert client.post(url).status_code in (302, 403)
    assert not EventPage.objects.filter(slug="colloque-2018").exists()


def test_the_demo_2017_colloquium_becomes_a_2018_draft(editor):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    source = EventPage.objects.get(slug="colloque-2017-marseille")

    copy = prepare_next_edition(source, editor)

    # The demo's title has no year; its slug has one.
    assert copy.title == f"{source.title} (édition suivante)"
    assert copy.slug == "colloque-2018-marseille"
    assert copy.programme_items.count() == source.programme_items.count()
    assert copy.event_partners.count() == source.event_partners.count()
    argument = ArgumentPage.objects.child_of(copy).get()
    source_argument = ArgumentPage.objects.child_of(source).get()
    assert argument.footnotes.count() == source_argument.footnotes.count() > 0


def test_copy_leaves_registrations_and_comments_behind(colloquium_2017, editor):
    from comments.models import Comment
    from registrations.models import Registration

    colloquium_2017.registration_open = True
    colloquium_2017.registration_capacity = 80
    colloquium_2017.registration_closes_at = paris(2017, 11, 15)
    colloquium_2017.save()
    Registration.objects.create(event=colloquium_2017, name="Marion", email="marion@example.org")
    Comment.objects.create(
        page=colloquium_2017,
        author_name="Marion",
        email="marion@example.org",
        text="Faut-il s'inscrire ?",
        status=Comment.Status.APPROVED,
    )

    copy = prepare_next_edition(colloquium_2017, editor)

    assert not copy.registrations.exists()
    assert not Comment.objects.filter(page=copy).exists()
    assert copy.registration_open is False
    assert copy.registration_closes_at is None
    # The seat count is this colloquium's size, a good first guess for the next.
    assert copy.registration_capacity == 80
    # The original keeps its own.
    assert colloquium_2017.registrations.count() == 1
    assert Comment.objects.filter(page=colloquium_2017).count() == 1


def save_with_dates(client, copy, start, end, **changes):
    data = {**edit_form_data(copy), "start": start, "end": end, **changes}
    response = client.post(reverse("wagtailadmin_pages:edit", args=[copy.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    copy.refresh_from_db()
    return copy.get_latest_revision_as_object()


def test_title_and_slug_follow_the_dates_the_editor_enters(client, colloquium_2017, editor):
    copy = prepare_next_edition(colloquium_2017, editor)
    client.force_login(editor)

    draft = save_with_dates(client, copy, "18/11/2027 09:00", "19/11/2027 17:00")

    assert (draft.title, draft.slug) == ("Colloque national 2027", "colloque-2027")
    # The editor moves it to the next year: the generated names follow again.
    draft = save_with_dates(client, copy, "16/11/2028 09:00", "17/11/2028 17:00")
    assert (draft.title, draft.slug) == ("Colloque national 2028", "colloque-2028")
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    assert "Colloque national 2028" in edit_page.content.decode()


def test_what_the_editor_wrote_is_kept(client, colloquium_2017, editor):
    copy = prepare_next_edition(colloquium_2017, editor)
    client.force_login(editor)

    draft = save_with_dates(
        client, copy, "18/11/2027 09:00", "19/11/2027 17:00", title="Vingt ans du DEIS"
    )
    # The title is the editor's; the slug they left alone follows the dates.
    assert (draft.title, draft.slug) == ("Vingt ans du DEIS", "colloque-2027")

    draft = save_with_dates(
        client, copy, "16/11/2028 09:00", "17/11/2028 17:00", slug="vingt-ans-du-deis"
    )
    assert (draft.title, draft.slug) == ("Vingt ans du DEIS", "vingt-ans-du-deis")


def test_the_followed_slug_stays_free_among_its_siblings(client, colloquium_2017, editor):
    EventPageFactory(parent=colloquium_2017.get_parent(), slug="colloque-2027")
    copy = prepare_next_edition(colloquium_2017, editor)
    client.force_login(editor)

    draft = save_with_dates(client, copy, "18/11/2027 09:00", "19/11/2027 17:00")

    assert draft.slug == "colloque-2027-2"


def test_a_page_not_prepared_as_a_next_edition_keeps_its_names(client, editor):
    event = EventPageFactory(
        title="Colloque 2019",
        slug="colloque-2019",
        start=paris(2019, 11, 20, 9),
        end=paris(2019, 11, 21, 17),
    )
    client.force_login(editor)

    draft = save_with_dates(client, event, "18/11/2027 09:00", "19/11/2027 17:00")

    assert (draft.title, draft.slug) == ("Colloque 2019", "colloque-2019")


def test_the_demo_copy_of_2017_dated_2027_is_colloque_2027(client, editor):
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    source = EventPage.objects.get(slug="colloque-2017-marseille")
    copy = prepare_next_edition(source, editor)
    client.force_login(editor)

    draft = save_with_dates(client, copy, "18/11/2027 09:00", "19/11/2027 17:00")

    assert draft.slug == "colloque-2027-marseille"
    # The demo's title has no year: nothing in it to follow.
    assert draft.title == f"{source.title} (édition suivante)"
    history = client.get(reverse("wagtailadmin_pages:history", args=[copy.pk]))
    assert "Préparé comme édition suivante" in unescape(history.content.decode())
