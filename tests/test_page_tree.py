"""The page tree editors can build: where each page type goes, and creating each one
through the admin as an editor would."""

from uuid import uuid4

import pytest
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_footnotes.models import Footnote

from core.blocks import TEXT_FEATURES
from core.models import StandardPage
from core.templatetags.andelis_tags import document_label
from events.models import EventIndexPage, EventPage, EventPartner, ProgrammeItem
from home.models import HomePage
from publications.models import ArgumentPage, ProceedingsPage, PublicationIndexPage
from tests.factories import (
    ArgumentPageFactory,
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    FootnoteFactory,
    HomePageFactory,
    ImageFactory,
    PartnerFactory,
    PersonFactory,
    PressArticleFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
    PublicationIndexPageFactory,
    StandardPageFactory,
    VenueFactory,
)

OUR_PAGE_TYPES = [
    HomePage,
    EventIndexPage,
    EventPage,
    ArgumentPage,
    ProceedingsPage,
    PublicationIndexPage,
    StandardPage,
]

# Parent type -> the only page types an editor may add under it.
ALLOWED_CHILDREN = {
    Page: {HomePage},
    HomePage: {EventIndexPage, PublicationIndexPage, StandardPage},
    EventIndexPage: {EventPage},
    EventPage: {ArgumentPage, ProceedingsPage},
    ArgumentPage: set(),
    ProceedingsPage: set(),
    PublicationIndexPage: set(),
    StandardPage: {StandardPage},
}


def add_page_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


class PageTypeRulesTests(WagtailPageTestCase):
    """Which page type may go under which, whatever is already in the tree."""

    def test_each_page_type_only_where_it_belongs(self):
        for parent, children in ALLOWED_CHILDREN.items():
            for child in OUR_PAGE_TYPES:
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    if child in children:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_allowed_subpage_types(self):
        for parent in OUR_PAGE_TYPES:
            with self.subTest(parent=parent.__name__):
                self.assertAllowedSubpageTypes(parent, ALLOWED_CHILDREN[parent])

    def test_allowed_parent_page_types(self):
        expected_parents = {
            HomePage: {Page},
            EventIndexPage: {HomePage},
            PublicationIndexPage: {HomePage},
            EventPage: {EventIndexPage},
            ArgumentPage: {EventPage},
            ProceedingsPage: {EventPage},
            StandardPage: {HomePage, StandardPage},
        }
        for child, parents in expected_parents.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)


class PageCountLimitsTests(WagtailPageTestCase):
    """One home page, one events index, one publications index; one essay and one
    proceedings per colloquium. A second one is refused by the admin itself."""

    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.event = EventPageFactory()
        cls.home = HomePage.objects.get()
        cls.events_index = EventIndexPage.objects.get()
        cls.publications_index = PublicationIndexPageFactory()
        cls.argument = ArgumentPageFactory(parent=cls.event)
        cls.proceedings = ProceedingsPageFactory(parent=cls.event)
        cls.other_event = EventPageFactory(parent=cls.events_index)

    def setUp(self):
        # Client.login() checks a password without a request, which django-axes refuses.
        self.client.force_login(self.create_test_user())

    def assert_admin_refuses(self, model, parent):
        self.assertFalse(model.can_create_at(parent))
        response = self.client.get(add_page_url(model, parent))
        self.assertNotEqual(response.status_code, 200)

    def test_second_home_page_refused(self):
        self.assert_admin_refuses(HomePage, self.root)

    def test_second_index_pages_refused(self):
        self.assert_admin_refuses(EventIndexPage, self.home)
        self.assert_admin_refuses(PublicationIndexPage, self.home)

    def test_many_events_allowed(self):
        self.assertTrue(EventPage.can_create_at(self.events_index))
        response = self.client.get(add_page_url(EventPage, self.events_index))
        self.assertEqual(response.status_code, 200)

    def test_one_argument_and_one_proceedings_per_event(self):
        self.assert_admin_refuses(ArgumentPage, self.event)
        self.assert_admin_refuses(ProceedingsPage, self.event)

    def test_another_event_still_gets_its_own_argument_and_proceedings(self):
        self.assertTrue(ArgumentPage.can_create_at(self.other_event))
        self.assertTrue(ProceedingsPage.can_create_at(self.other_event))
        for model in (ArgumentPage, ProceedingsPage):
            with self.subTest(model=model.__name__):
                response = self.client.get(add_page_url(model, self.other_event))
                self.assertEqual(response.status_code, 200)

    def test_leaf_pages_offer_no_child_page_type(self):
        for leaf in (self.argument, self.proceedings, self.publications_index):
            with self.subTest(page=type(leaf).__name__):
                self.assertEqual(leaf.specific_class.creatable_subpage_models(), [])


class CreateThroughAdminTests(WagtailPageTestCase):
    """Every page type, created and published through the admin form by an editor."""

    @classmethod
    def setUpTestData(cls):
        cls.venue = VenueFactory()
        cls.speakers = [PersonFactory(name="Robert Lafore"), PersonFactory(name="Michel Paquet")]
        cls.partners = [PartnerFactory(name="IMF"), PartnerFactory(name="Direction[s]")]
        cls.image = ImageFactory()
        cls.poster = ColloquiumDocumentFactory(title="Affiche")

    def setUp(self):
        # Client.login() checks a password without a request, which django-axes refuses.
        self.client.force_login(self.create_test_user())

    def test_create_home_page(self):
        # A new site already has one (home/migrations/0002): rebuild it from the admin.
        HomePage.objects.all().delete()
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "ANDELIS",
                    "slug": "andelis",
                    "introduction": rich_text("<p>L'association des ingénieurs sociaux.</p>"),
                }
            ),
        )
        home = HomePage.objects.get(slug="andelis")
        self.assertTrue(home.live)
        self.assertIn("ingénieurs sociaux", home.introduction)

    def test_create_event_index_page(self):
        home = HomePageFactory()
        self.assertCanCreate(
            home,
            EventIndexPage,
            nested_form_data(
                {"title": "Colloques", "introduction": rich_text("<p>Nos colloques.</p>")}
            ),
        )
        self.assertTrue(EventIndexPage.objects.child_of(home).get().live)

    def test_create_publication_index_page(self):
        home = HomePageFactory()
        self.assertCanCreate(
            home,
            PublicationIndexPage,
            nested_form_data(
                {"title": "Publications", "introduction": rich_text("<p>Nos textes.</p>")}
            ),
        )
        self.assertTrue(PublicationIndexPage.objects.child_of(home).get().live)

    def event_form_data(self):
        lafore, paquet = self.speakers
        data = nested_form_data(
            {
                "title": "Ingénierie sociale : dix ans après",
                "slug": "colloque-2017",
                "subtitle": "Un diplôme en manque de reconnaissance",
                "start": "14/06/2017 09:00",
                "end": "14/06/2017 16:30",
                "status": EventPage.Status.SCHEDULED,
                "venue": self.venue.pk,
                "introduction": rich_text("<p>Une journée d'étude.</p>"),
                "is_free": "on",
                "price": "",
                "registration_information": rich_text("<p>Par e-mail.</p>"),
                "practical_information": rich_text("<p>Déjeuner libre.</p>"),
                "poster": self.poster.pk,
                "programme_items": inline_formset(
                    [
                        {
                            "day": "",
                            "start_time": "09:00",
                            "end_time": "09:30",
                            "kind": ProgrammeItem.Kind.WELCOME,
                            "title": "Accueil des participants",
                            "description": "",
                        },
                        {
                            "day": "14/06/2017",
                            "start_time": "09:30",
                            "end_time": "11:00",
                            "kind": ProgrammeItem.Kind.ROUND_TABLE,
                            "title": "Table ronde",
                            "description": "Avec la salle.",
                        },
                    ]
                ),
                "speakers": inline_formset([{"person": lafore.pk}, {"person": paquet.pk}]),
                "event_partners": inline_formset(
                    [
                        {"partner": self.partners[0].pk, "role": EventPartner.Role.ORGANISER},
                        {"partner": self.partners[1].pk, "role": EventPartner.Role.SUPPORTER},
                    ]
                ),
                "images": inline_formset([{"image": self.image.pk, "caption": "Programme"}]),
            }
        )
        # A many-to-many checkbox list posts one value per ticked box.
        data["programme_items-1-speakers"] = [lafore.pk, paquet.pk]
        return data

    def test_create_event_page_with_programme_speakers_and_partners(self):
        events_index = EventIndexPageFactory()
        self.assertCanCreate(events_index, EventPage, self.event_form_data())

        event = EventPage.objects.get(slug="colloque-2017")
        self.assertTrue(event.live)
        self.assertEqual(event.start_local.strftime("%d/%m/%Y %H:%M"), "14/06/2017 09:00")
        self.assertEqual(event.end_local.strftime("%H:%M"), "16:30")
        self.assertEqual(event.venue, self.venue)
        self.assertEqual(event.poster, self.poster)

        welcome, round_table = event.programme_items.order_by("sort_order")
        self.assertEqual(welcome.title, "Accueil des participants")
        self.assertEqual(list(welcome.speakers.all()), [])
        self.assertEqual(round_table.kind, ProgrammeItem.Kind.ROUND_TABLE)
        # The programme item's own many-to-many, saved through the page's cluster.
        self.assertEqual(
            set(
                ProgrammeItem.speakers.through.objects.filter(
                    programmeitem=round_table
                ).values_list("person__name", flat=True)
            ),
            {"Robert Lafore", "Michel Paquet"},
        )
        self.assertEqual(
            [s.person.name for s in event.speakers.order_by("sort_order")],
            ["Robert Lafore", "Michel Paquet"],
        )
        self.assertEqual(
            [
                (link.partner.name, link.role)
                for link in event.event_partners.order_by("sort_order")
            ],
            [("IMF", "organiser"), ("Direction[s]", "supporter")],
        )
        self.assertEqual(event.images.get().image, self.image)

        # The published revision carries the same programme as the live tables.
        revision_page = event.get_latest_revision_as_object()
        revision_round_table = revision_page.programme_items.all()[1]
        self.assertEqual(
            {p.name for p in revision_round_table.speakers.all()},
            {"Robert Lafore", "Michel Paquet"},
        )

    def test_create_standard_page_with_a_footnote(self):
        home = HomePageFactory()
        note_id = str(uuid4())
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Mentions légales",
                    "introduction": "Qui publie ce site, et comment nous joindre.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Éditeur du site"}),
                            (
                                "paragraph",
                                rich_text(
                                    "<p>Association ANDELIS"
                                    f'<footnote id="{note_id}">[1]</footnote>.</p>',
                                    features=TEXT_FEATURES,
                                ),
                            ),
                        ]
                    ),
                    "footnotes": inline_formset(
                        [{"uuid": note_id, "text": rich_text("<p>Loi de 1901.</p>")}]
                    ),
                }
            ),
        )
        page = StandardPage.objects.child_of(home).get()
        response = self.client.get(page.url)
        self.assertContains(response, "Éditeur du site")
        self.assertContains(response, 'role="doc-noteref"')
        self.assertContains(response, "Loi de 1901.")

    def test_create_argument_page_with_footnotes(self):
        event = EventPageFactory()
        note_id = str(uuid4())
        self.assertCanCreate(
            event,
            ArgumentPage,
            nested_form_data(
                {
                    "title": "Argumentaire",
                    "subtitle": "Un diplôme en manque de reconnaissance",
                    "body": streamfield(
                        [
                            (
                                "paragraph",
                                rich_text(
                                    "<p>Le DEIS a dix ans"
                                    f'<footnote id="{note_id}">[1]</footnote>.</p>',
                                    features=TEXT_FEATURES,
                                ),
                            ),
                            ("heading", {"text": "Une reconnaissance à conquérir"}),
                        ]
                    ),
                    "footnotes": inline_formset(
                        [
                            {
                                "uuid": note_id,
                                "text": rich_text(
                                    "<p>Décret du 2 août 2006.</p>",
                                    features=["bold", "italic", "link"],
                                ),
                            }
                        ]
                    ),
                }
            ),
        )
        argument = ArgumentPage.objects.child_of(event).get()
        self.assertEqual([block.block_type for block in argument.body], ["paragraph", "heading"])
        self.assertIn(f'<footnote id="{note_id}">', argument.body[0].value.source)
        footnote = Footnote.objects.get(page=argument)
        self.assertEqual(str(footnote.uuid), note_id)
        self.assertIn("Décret du 2 août 2006", footnote.text)

    def test_create_proceedings_page_with_contributions_and_press(self):
        event = EventPageFactory()
        document = ColloquiumDocumentFactory(title="Diaporama")
        data = nested_form_data(
            {
                "title": "Traces du colloque",
                "introduction": rich_text("<p>Merci à tous.</p>"),
                "contributions": inline_formset(
                    [
                        {
                            "title": "La place de l'ingénierie sociale",
                            "slug": "",
                            "abstract": "",
                            "speaker_label": "",
                            "document": document.pk,
                            "video_url": "",
                            "video_label": "",
                            "note": "",
                        },
                        {
                            "title": "Portrait en vidéo",
                            "slug": "",
                            "abstract": "Un portrait des étudiants.",
                            "speaker_label": "les étudiants DEIS",
                            "document": "",
                            "video_url": "https://example.org/video",
                            "video_label": "sur le site de La Petite Cordée",
                            "note": "",
                        },
                    ]
                ),
                "press_articles": inline_formset(
                    [
                        {
                            "title": "Ingénierie sociale : un diplôme à reconnaître",
                            "publication": "Direction[s]",
                            "url": "https://www.directions.fr/",
                            "published_on": "01/06/2017",
                        }
                    ]
                ),
            }
        )
        data["contributions-0-speakers"] = [self.speakers[0].pk]
        self.assertCanCreate(event, ProceedingsPage, data)

        proceedings = ProceedingsPage.objects.child_of(event).get()
        first, second = proceedings.contributions.order_by("sort_order")
        self.assertEqual(first.document, document)
        self.assertEqual([p.name for p in first.speakers.all()], ["Robert Lafore"])
        self.assertEqual(second.video_label, "sur le site de La Petite Cordée")
        self.assertEqual(proceedings.press_articles.get().publication, "Direction[s]")
        # Each talk gets its page's address from its title, and keeps the speakers'
        # affiliations of the day.
        self.assertEqual(first.slug, "la-place-de-l-ingenierie-sociale")
        self.assertEqual(second.slug, "portrait-en-video")
        self.assertEqual(
            first.speaker_affiliations, {str(self.speakers[0].pk): self.speakers[0].affiliation}
        )
        self.assertEqual(second.abstract, "Un portrait des étudiants.")


class RenderTests(WagtailPageTestCase):
    """Every page type, filled the way the demo content fills it, renders for a visitor."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory()
        cls.event = EventPageFactory(title="Colloque de Marseille")
        ProgrammeItemFactory(
            page=cls.event,
            title="Le DEIS a dix ans",
            speakers=[PersonFactory(name="Michel Paquet")],
        )
        EventSpeakerFactory(page=cls.event, person=PersonFactory(name="Robert Lafore"))
        EventPartnerFactory(page=cls.event, partner=PartnerFactory(name="IMF"))
        EventImageFactory(page=cls.event)
        cls.argument = ArgumentPageFactory(parent=cls.event, title="Argumentaire 2017")
        note = FootnoteFactory(page=cls.argument, text="<p>Décret de 2006.</p>")
        cls.argument.body = [
            ("paragraph", RichText(f'<p>Le DEIS<footnote id="{note.uuid}">[1]</footnote>.</p>'))
        ]
        cls.argument.save_revision().publish()
        cls.proceedings = ProceedingsPageFactory(parent=cls.event, title="Traces 2017")
        cls.contribution = ContributionFactory(
            page=cls.proceedings, title="La place de l'ingénierie sociale"
        )
        PressArticleFactory(page=cls.proceedings)
        cls.events_index = EventIndexPage.objects.get()
        cls.publications_index = PublicationIndexPageFactory()
        cls.standard = StandardPageFactory(parent=cls.home, title="Mentions légales")

    def pages(self):
        return [
            self.home,
            self.events_index,
            self.event,
            self.argument,
            self.proceedings,
            self.publications_index,
            self.standard,
        ]

    def test_every_page_type_is_covered(self):
        self.assertEqual({type(p) for p in self.pages()}, set(OUR_PAGE_TYPES))

    def test_every_page_renders(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_every_page_shows_its_title_to_a_visitor(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, page.title)

    def test_event_page_shows_what_the_editor_entered(self):
        response = self.client.get(self.event.url)
        self.assertContains(response, "Le DEIS a dix ans")
        self.assertContains(response, "Michel Paquet")  # speaks in the programme
        self.assertContains(response, "Robert Lafore")  # listed among the speakers
        self.assertContains(response, "IMF")
        self.assertContains(response, self.argument.url)
        self.assertContains(response, self.proceedings.url)

    def test_proceedings_page_shows_each_document_with_its_size(self):
        response = self.client.get(self.proceedings.url)
        document = self.contribution.document
        self.assertContains(response, "La place de l&#x27;ingénierie sociale")
        self.assertContains(response, document.url)
        self.assertContains(response, document_label(document))
        self.assertContains(response, "Direction[s]")

    def test_argument_page_shows_its_numbered_footnote(self):
        response = self.client.get(self.argument.url)
        self.assertContains(response, "Décret de 2006.")
        self.assertNotContains(response, "<footnote")

    def test_every_page_opens_in_the_editor(self):
        # Client.login() checks a password without a request, which django-axes refuses.
        self.client.force_login(self.create_test_user())
        # Long texts' StreamFields are drawn by JavaScript, so their form data cannot
        # be read back from the HTML: give it explicitly.
        argument_data = nested_form_data(
            {
                "title": self.argument.title,
                "slug": self.argument.slug,
                "subtitle": "",
                "body": streamfield([("heading", {"text": "Dix ans après"})]),
                "footnotes": inline_formset([]),
            }
        )
        standard_data = nested_form_data(
            {
                "title": self.standard.title,
                "slug": self.standard.slug,
                "introduction": "",
                "body": streamfield([("heading", {"text": "Éditeur du site"})]),
                "footnotes": inline_formset([]),
            }
        )
        explicit_data = {self.argument.pk: argument_data, self.standard.pk: standard_data}
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsEditable(page, post_data=explicit_data.get(page.pk))

    def test_event_page_preview_renders(self):
        # Client.login() checks a password without a request, which django-axes refuses.
        self.client.force_login(self.create_test_user())
        self.assertPageIsPreviewable(self.event)


@pytest.mark.django_db
def test_a_new_site_opens_on_the_association_home_page(client):
    # What `migrate` alone leaves behind, before any content is loaded.
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)

    response = client.get("/")

    assert site.root_page_id == home.pk
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    assert response.status_code == 200
    assert '<h1 class="home-hero__title">ANDELIS' in response.content.decode()
