"""Which addresses are purged when something a visitor sees changes.

Purge requests are recorded by a frontend-cache backend of the tests' own (conftest.py);
tests/frontcache/test_varnish.py checks the same against a real Varnish.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page

from comments.admin import ApproveBulkAction
from comments.models import Comment
from core.models import SiteSettings
from core.signals import pages_changed
from registrations import services
from tests.factories import (
    ArgumentPageFactory,
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    PersonFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
    PublicationIndexPageFactory,
    StandardPageFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(home_page):
    return EventPageFactory(title="Colloque de Marseille", slug="marseille-2017")


def event_paths(event):
    return {event.url, event.url + "inscription/"}


def test_nothing_is_purged_without_a_front_cache(
    settings, event, django_capture_on_commit_callbacks
):
    # `make run`: no VARNISH_URL, no WAGTAILFRONTENDCACHE. Publishing still works.
    from tests.frontcache.conftest import RecordingBackend

    RecordingBackend.urls = []
    assert not hasattr(settings, "WAGTAILFRONTENDCACHE")
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Colloque de Marseille (nouveau titre)"
        event.save_revision().publish()
        event.venue.save()
    assert RecordingBackend.urls == []
    assert Page.objects.get(pk=event.pk).title == "Colloque de Marseille (nouveau titre)"


def test_the_signal_purges_the_pages_it_names(purges, event):
    other = StandardPageFactory(slug="association")
    assert purges(lambda: pages_changed.send(sender=None, pages=[event, other])) == {
        *event_paths(event),
        "/association/",
    }


def test_publishing_an_event_purges_the_pages_that_list_it(purges, event):
    publications = PublicationIndexPageFactory()
    argument = ArgumentPageFactory(parent=event, slug="argumentaire")
    unrelated = StandardPageFactory(slug="association")
    unrelated_child = StandardPageFactory(parent=unrelated, slug="bureau")

    paths = purges(lambda: event.save_revision().publish())

    assert event_paths(event) <= paths
    # The event index and the home page list it; the publications index shows its title
    # over its essay; the essay's breadcrumbs show it; feeds, calendars and the sitemap.
    assert {"/", "/colloques/", publications.url, argument.url} <= paths
    assert {"/sitemap.xml", "/agenda/colloques.ics", "/flux/colloques/"} <= paths
    assert "/agenda/marseille-2017.ics" in paths
    assert unrelated_child.url not in paths


def test_unpublishing_purges_the_page_and_its_listings(purges, event):
    paths = purges(lambda: event.unpublish())
    assert {event.url, "/colloques/", "/"} <= paths


def test_a_page_in_the_menu_is_on_every_page(purges, event):
    # Its title is in every page's navigation.
    association = StandardPageFactory(slug="association", show_in_menus=True)
    paths = purges(lambda: association.save_revision().publish())
    assert {"/", "/colloques/", event.url, "/association/"} <= paths


def test_a_footer_page_is_on_every_page_wherever_it_sits(purges, event):
    # Linked from every footer through the site settings, even deep in the tree.
    about = StandardPageFactory(slug="association")
    privacy = StandardPageFactory(parent=about, slug="confidentialite")
    settings = SiteSettings.load()
    settings.privacy_page = privacy
    settings.save()
    paths = purges(lambda: privacy.save_revision().publish())
    assert {"/", "/colloques/", event.url, "/association/confidentialite/"} <= paths


def test_deleting_a_page_purges_it_and_its_listings(purges, event):
    proceedings = ProceedingsPageFactory(parent=event, slug="traces")
    old_event_url, old_proceedings_url = event.url, proceedings.url

    paths = purges(lambda: Page.objects.get(pk=event.pk).delete())

    assert {old_event_url, old_proceedings_url, "/colloques/", "/"} <= paths


def test_moving_a_page_purges_its_old_and_new_addresses(purges, home_page):
    old_parent = StandardPageFactory(slug="association")
    new_parent = StandardPageFactory(slug="archives")
    page = StandardPageFactory(parent=old_parent, slug="bureau")
    child = StandardPageFactory(parent=page, slug="president")

    paths = purges(lambda: MovePageAction(page, new_parent, pos="last-child").execute())

    assert {"/association/bureau/", "/association/bureau/president/"} <= paths
    assert {"/archives/bureau/", "/archives/bureau/president/"} <= paths
    # The old parent no longer lists it, the new one does.
    assert {"/association/", "/archives/"} <= paths
    assert Page.objects.get(pk=child.pk).url == "/archives/bureau/president/"


def test_a_new_slug_purges_the_old_addresses(purges, event):
    proceedings = ProceedingsPageFactory(parent=event, slug="traces")
    event.slug = "marseille-juin-2017"

    paths = purges(lambda: event.save_revision().publish())

    assert {"/colloques/marseille-2017/", "/colloques/marseille-2017/traces/"} <= paths
    assert {"/colloques/marseille-juin-2017/", "/colloques/marseille-juin-2017/traces/"} <= paths
    assert Page.objects.get(pk=proceedings.pk).url == "/colloques/marseille-juin-2017/traces/"


def test_editing_a_venue_purges_its_events_and_their_listings(purges, event):
    other_event = EventPageFactory(venue=None)
    event.venue.access_details = "Métro Vieux-Port."
    paths = purges(event.venue.save)
    assert event_paths(event) | {"/colloques/", "/"} <= paths
    assert other_event.url not in paths


def test_editing_a_person_purges_every_page_that_names_them(purges, event):
    person = PersonFactory()
    speaker_event = EventPageFactory()
    EventSpeakerFactory(page=speaker_event, person=person)
    ProgrammeItemFactory(page=event, speakers=[person])
    proceedings = ProceedingsPageFactory(parent=EventPageFactory(), slug="traces")
    ContributionFactory(page=proceedings, speakers=[person])
    bystander = EventPageFactory()

    person.affiliation = "Université d'Aix-Marseille"
    paths = purges(person.save)

    assert {event.url, speaker_event.url, proceedings.url} <= paths
    assert bystander.url not in paths


def test_editing_a_partner_purges_its_events(purges, event):
    link = EventPartnerFactory(page=event)
    link.partner.name = "Institut méditerranéen de formation"
    assert event_paths(event) <= purges(link.partner.save)


def test_replacing_a_document_purges_the_pages_that_offer_it(purges, event):
    document = ColloquiumDocumentFactory(title="Programme")
    event.poster = document
    event.save_revision().publish()
    proceedings = ProceedingsPageFactory(parent=EventPageFactory(), slug="traces")
    ContributionFactory(page=proceedings, document=document)
    # The reference index is how core finds who shows a document.
    proceedings.save_revision().publish()

    def replace():
        document.file = ContentFile(pdf_bytes("Programme corrigé", pages=3), name="programme.pdf")
        document._set_document_file_metadata()
        document.save()

    assert {event.url, proceedings.url} <= purges(replace)
    # The text extraction saving what it read changes nothing shown.
    document.search_text = "Programme corrigé"
    assert purges(lambda: document.save(update_fields=["search_text"])) == set()


def test_comments_purge_their_page_once_shown(purges, event):
    comment = Comment.objects.create(
        page=event, author_name="Léa", email="lea@example.org", text="Merci !"
    )
    # Waiting for moderation: nothing a visitor sees.
    assert purges(comment.save) == set()
    comment.status = Comment.Status.APPROVED
    assert event.url in purges(comment.save)
    comment.reply = "Merci à vous."
    assert event.url in purges(comment.save)
    comment.status = Comment.Status.REJECTED
    assert event.url in purges(comment.save)
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert event.url in purges(comment.delete)


def test_approving_comments_in_bulk_purges_their_pages(purges, event):
    proceedings = ProceedingsPageFactory(parent=event, slug="traces")
    comments = [
        Comment.objects.create(page=page, author_name="Léa", email="lea@example.org", text="Bien.")
        for page in (event, proceedings)
    ]
    paths = purges(lambda: ApproveBulkAction.execute_action(comments))
    assert {event.url, proceedings.url} <= paths


def test_a_seat_taken_or_freed_purges_the_event(purges, event):
    event.registration_open = True
    event.registration_capacity = 10
    event.save_revision().publish()

    def register():
        return services.register(event, name="Camille Martin", email="camille@example.org")

    assert event_paths(event) <= purges(register)
    registration = event.registrations.get()
    assert event_paths(event) <= purges(lambda: services.cancel(registration, notify=False))


def test_site_settings_are_on_every_page(purges, event):
    EventIndexPageFactory()
    settings = SiteSettings.load()
    settings.tagline = "Association nationale des ingénieurs sociaux"
    assert {"/", "/colloques/", event.url} <= purges(settings.save)
