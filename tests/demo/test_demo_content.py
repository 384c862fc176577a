"""The demo content: the 2017 Marseille colloquium, as the seed page told it.

What is checked is what a visitor reads (the HTML of each page), plus the data
behind it where the HTML cannot show it (counts after a second run, file bytes).
"""

import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site
from wagtail_footnotes.models import Footnote

from core.models import StandardPage
from demo import files, seed
from demo.loader import footnote_uuid
from events.models import (
    EventImage,
    EventIndexPage,
    EventPage,
    EventPartner,
    EventSpeaker,
    Partner,
    Person,
    ProgrammeItem,
    Venue,
)
from home.models import HomePage
from publications.models import (
    ArgumentPage,
    Contribution,
    PressArticle,
    ProceedingsPage,
    PublicationIndexPage,
)

NBSP = "\u00a0"
EXPECTED_SIZES = {
    "Affiche et programme du colloque": "1,66 Mo",
    "Mot du président": "167,22 Ko",
    "Compte rendu de l’intervention de Robert Lafore": "133,24 Ko",
    "Intervention de Laëtitia Naud": "256,63 Ko",
    "Intervention de Jean-Robert Alcaras": "286,96 Ko",
    "Maquette module pro": "312,73 Ko",
}
# One phrase that only its own paragraph of the argument contains.
PARAGRAPH_PHRASES = [
    "aux potentiels employeurs ou clients d’intervenants diplômés",
    "vient de fêter ses dix ans",
    "A l’instar de son prédécesseur, le DSTS",
    "Pourtant cette formation, lorsqu’elle a été pensée",
    "Nonobstant ces questionnements",
    "Cette journée de réflexion s’attellera donc",
]
COUNTED_MODELS = [
    Page,
    Revision,
    Site,
    HomePage,
    EventIndexPage,
    PublicationIndexPage,
    EventPage,
    ArgumentPage,
    ProceedingsPage,
    Person,
    Partner,
    Venue,
    EventSpeaker,
    EventPartner,
    EventImage,
    ProgrammeItem,
    Contribution,
    PressArticle,
    Footnote,
]


def load_demo_content():
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def counts():
    models = [*COUNTED_MODELS, get_document_model(), get_image_model()]
    return {model._meta.label: model.objects.count() for model in models}


def visible_text(response):
    """The page as a visitor reads it: entities decoded, line breaks and indents collapsed.

    Non-breaking spaces are kept: they are part of what the seed wrote.
    """
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(response.content.decode()))


def without_tags(markup):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


# --- Loading -----------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_twice_duplicates_nothing_and_publishes_nothing_new():
    load_demo_content()
    first = counts()
    output = load_demo_content()
    assert counts() == first
    assert "inchangé" in output
    assert first["home.HomePage"] == 1
    assert first["events.EventPage"] == 1
    assert first["events.Partner"] == len(seed.PARTNERS)
    assert first["events.Person"] == len(seed.PEOPLE)
    assert first["core.ColloquiumDocument"] == len(seed.DOCUMENTS)
    assert first["wagtail_footnotes.Footnote"] == 10


@pytest.mark.django_db
def test_every_page_is_published_with_a_revision():
    load_demo_content()
    pages = Page.objects.filter(depth__gte=2)
    # Home, two indexes, the event, its argument and proceedings, and the four pages
    # every footer links to.
    assert pages.count() == 10
    for page in pages:
        assert page.live, page.title
        assert page.last_published_at is not None, page.title
        assert page.live_revision_id is not None, page.title
        assert not page.has_unpublished_changes, page.title


@pytest.mark.django_db
def test_replaces_wagtails_welcome_page_and_serves_the_home_page():
    # A database whose home page was removed and replaced by a plain Wagtail page,
    # as Wagtail's own migrations leave it.
    HomePage.objects.all().delete()
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    load_demo_content()

    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    assert (site.hostname, site.port, site.site_name) == ("localhost", 80, "ANDELIS")
    assert site.root_page_id == home.pk
    assert home.get_parent().depth == 1
    assert {type(p) for p in home.get_children().specific()} == {
        EventIndexPage,
        PublicationIndexPage,
        StandardPage,
    }


@pytest.mark.django_db
def test_keeps_an_existing_home_page_and_builds_under_it():
    home = HomePage.objects.get()  # created by home/migrations/0002
    home.title, home.introduction = "Accueil", "<p>Notre texte.</p>"
    home.save_revision().publish()
    load_demo_content()
    load_demo_content()
    assert HomePage.objects.get().pk == home.pk
    home.refresh_from_db()
    assert (home.title, home.introduction) == ("Accueil", "<p>Notre texte.</p>")
    event = EventPage.objects.get()
    assert event.get_parent().get_parent().pk == home.pk
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


@pytest.mark.django_db
def test_a_second_run_repairs_what_was_changed_without_duplicating():
    load_demo_content()
    first = counts()
    event = EventPage.objects.get()
    event.title = "Titre modifié"
    event.programme_items.filter(kind="closing").delete()
    event.save_revision().publish()
    partner = Partner.objects.get(name="CRIP (Centre Régional d’Interventions Psychologiques)")
    partner.description = ""
    partner.save()
    load_demo_content()
    event = EventPage.objects.get()
    assert event.title == seed.EVENT["title"]
    assert [item.title for item in event.programme_items.all()] == [
        item["title"] for item in seed.PROGRAMME
    ]
    partner.refresh_from_db()
    assert "Il n’y a de valeurs que d’hommes." in partner.description
    after = counts()
    # Two revisions: the "editor's" and the repair; nothing else moved.
    assert after.pop("wagtailcore.Revision") == first.pop("wagtailcore.Revision") + 2
    assert after == first


# --- Data behind the pages ----------------------------------------------------------


class DemoContentData(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()
        cls.event = EventPage.objects.get()
        cls.argument = ArgumentPage.objects.get()
        cls.proceedings = ProceedingsPage.objects.get()

    def test_tree(self):
        self.assertEqual(self.event.slug, "colloque-2017-marseille")
        self.assertEqual(self.event.get_parent().specific_class, EventIndexPage)
        self.assertEqual(self.argument.get_parent().pk, self.event.pk)
        self.assertEqual(self.proceedings.get_parent().pk, self.event.pk)
        self.assertEqual(EventIndexPage.objects.get().slug, "colloques")
        self.assertEqual(PublicationIndexPage.objects.get().slug, "publications")

    def test_event_facts(self):
        start, end = self.event.start_local, self.event.end_local
        self.assertEqual(start.isoformat(), "2017-11-20T09:00:00+01:00")
        self.assertEqual(end.isoformat(), "2017-11-20T16:30:00+01:00")
        self.assertEqual(self.event.status, EventPage.Status.SCHEDULED)
        self.assertTrue(self.event.is_free)
        self.assertEqual(self.event.poster.title, "Affiche et programme du colloque")
        self.assertEqual(self.event.venue.name, "Cité des métiers")
        self.assertEqual(self.event.venue.postal_code, "13002")
        self.assertEqual(
            [link.person.name for link in self.event.speakers.all()],
            ["Robert Lafore", "Jean-Robert Alcaras", "Laëtitia Naud", "Hervé Trémeau"],
        )
        self.assertEqual(
            [image.caption for image in self.event.images.all()],
            ["Affiche du colloque", "Programme de la journée"],
        )

    def test_partners_and_their_roles(self):
        roles = [(link.partner.name, link.role) for link in self.event.event_partners.all()]
        self.assertEqual(roles, seed.EVENT_PARTNERS)
        for partner in Partner.objects.all():
            self.assertIsNotNone(partner.logo, partner.name)
            self.assertTrue(partner.logo_alt_text.startswith("Logo "), partner.name)
            self.assertEqual(partner.logo.description, partner.logo_alt_text)
        self.assertEqual(Partner.objects.get(name="AIRe").description, "")
        directions = Partner.objects.get(name="Direction[s]")
        self.assertEqual(directions.website, "https://www.directions.fr")
        self.assertIn("Trophée Direction(s)", directions.description)

    def test_ten_footnotes_in_order_each_called_once_in_the_body(self):
        notes = list(Footnote.objects.filter(page=self.argument).order_by("sort_order"))
        self.assertEqual(
            [without_tags(note.text) for note in notes],
            [text.replace(NBSP, " ") for text in seed.FOOTNOTES],
        )
        self.assertEqual([note.uuid for note in notes], [footnote_uuid(n) for n in range(1, 11)])
        blocks = list(self.argument.body.raw_data)
        self.assertEqual([block["type"] for block in blocks], ["paragraph"] * 6)
        body = "".join(block["value"] for block in blocks)
        # The editor's own format: the UUID, and the first six characters as text.
        calls = re.findall(r'<footnote id="([0-9a-f-]{36})">\[([0-9a-f]{6})\]</footnote>', body)
        self.assertEqual([uuid for uuid, _short in calls], [note.uuid for note in notes])
        self.assertTrue(all(uuid.startswith(short) for uuid, short in calls))

    def test_documents_are_real_pdfs_of_the_seeds_sizes(self):
        for document in get_document_model().objects.all():
            with self.subTest(document=document.title):
                self.assertEqual(document.file_format, "PDF")
                value, unit = EXPECTED_SIZES[document.title].split()
                unit_size = 1024 if unit == "Ko" else 1024 * 1024
                self.assertEqual(f"{document.file_size / unit_size:.2f}", value.replace(",", "."))
                with document.open_file() as handle:
                    data = handle.read()
                self.assertEqual(len(data), document.file_size)
                self.assertTrue(data.rstrip().endswith(b"%%EOF"))
                reader = PdfReader(io.BytesIO(data))
                self.assertEqual(len(reader.pages), document.page_count)
                text = reader.pages[0].extract_text()
                self.assertIn("Document de démonstration", text)

    def test_each_talk_pdf_names_its_talk_and_speaker(self):
        for spec in seed.DOCUMENTS:
            with self.subTest(document=spec["title"]):
                document = get_document_model().objects.get(title=spec["title"])
                with document.open_file() as handle:
                    text = PdfReader(handle).pages[0].extract_text()
                text = re.sub(r"\s+", " ", text)
                self.assertIn(spec["heading"], text)
                self.assertIn(spec["speaker"], text)

    def test_contributions_in_the_seeds_order(self):
        rows = [
            (
                row.title,
                [person.name for person in row.speakers.all()],
                row.speaker_label,
                row.document.title if row.document else None,
                row.video_url,
            )
            for row in self.proceedings.contributions.all()
        ]
        self.assertEqual(
            rows,
            [
                ("Le mot du président", ["Hervé Trémeau"], "", "Mot du président", ""),
                (
                    "Évolution des politiques publiques et ingénierie sociale",
                    ["Robert Lafore"],
                    "",
                    "Compte rendu de l’intervention de Robert Lafore",
                    "",
                ),
                (
                    "Ingénierie sociale et recherche : quelles articulations ?",
                    ["Laëtitia Naud"],
                    "",
                    "Intervention de Laëtitia Naud",
                    "",
                ),
                (
                    "L’ingénierie sociale en France : le paradoxe de la pertinence "
                    "et de l’insuccès",
                    ["Jean-Robert Alcaras"],
                    "",
                    "Intervention de Jean-Robert Alcaras",
                    "",
                ),
                (
                    "Œuvrer à la professionnalisation du DEIS",
                    [],
                    "Les étudiants DEIS",
                    "Maquette module pro",
                    "",
                ),
                (
                    "Intervention de La Petite Cordée",
                    [],
                    "La Petite Cordée",
                    None,
                    "https://lapetitecordee.wordpress.com/",
                ),
            ],
        )


def test_byte_sizes_print_as_the_seed_printed_them():
    for label in ["167.22 Ko", "133.24 Ko", "256.63 Ko", "286.96 Ko", "312.73 Ko"]:
        size = files.byte_size(label)
        assert f"{round(size / 1024, 2):.2f}" == label.split()[0]
        # Also right for a display that cuts after two decimals instead of rounding.
        assert f"{int(size / 1024 * 100) / 100:.2f}" == label.split()[0]
    assert round(files.byte_size("1.66 Mo") / 1024**2, 2) == 1.66


def test_generated_files_are_deterministic():
    assert files.demo_pdf.__wrapped__("Titre", "Auteur", "167.22 Ko") == files.demo_pdf.__wrapped__(
        "Titre", "Auteur", "167.22 Ko"
    )
    assert files.logo_png.__wrapped__("CRIP") == files.logo_png.__wrapped__("CRIP")


# --- What a visitor sees --------------------------------------------------------------


class DemoContentPages(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_content()

    def get(self, page_model):
        page = page_model.objects.get()
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        return response

    def test_home_page(self):
        response = self.get(HomePage)
        text = visible_text(response)
        self.assertIn("rassemble des professionnels de l’ingénierie sociale", text)
        self.assertContains(response, EventPage.objects.get().url)

    def test_indexes_list_the_colloquium_and_its_publications(self):
        event = EventPage.objects.get()
        self.assertContains(self.get(EventIndexPage), event.url)
        response = self.get(PublicationIndexPage)
        self.assertContains(response, ArgumentPage.objects.get().url)
        self.assertContains(response, ProceedingsPage.objects.get().url)

    def test_event_page(self):
        response = self.get(EventPage)
        text = visible_text(response)
        for expected in [
            "Colloque national sur l’ingénierie sociale",
            "le premier colloque national sur l’ingénierie sociale",
            "Cité des métiers",
            "4 rue des Consuls",
            "Marseille",
            "9h00",
            "16h30",
            "Voir la carte",
            "asso.andelis@gmail.com",
            f"PDF – 1,66{NBSP}Mo",
            "Robert Lafore",
            "Jean-Robert Alcaras",
            "Laëtitia Naud",
            "Hervé Trémeau",
            "Accueil des participants",
            "Évolution des politiques publiques et ingénierie sociale",
            "Œuvrer à la professionnalisation du DEIS",
            "Affiche du colloque",
            "Programme de la journée",
            "Il n’y a de valeurs que d’hommes.",
            "Inspiré de La grande cordée",
            "Direction Régionale et Départementale de la Jeunesse",
        ]:
            self.assertIn(expected, text)
        self.assertContains(response, "https://www.openstreetmap.org/?mlat=43.298300")
        for partner in Partner.objects.all():
            self.assertIn(partner.name, text)
            self.assertIn(
                f'alt="{partner.logo_alt_text}"', html.unescape(response.content.decode())
            )
        self.assertContains(response, ArgumentPage.objects.get().url)
        self.assertContains(response, ProceedingsPage.objects.get().url)

    def test_argument_page_every_paragraph_and_ten_notes_in_order(self):
        response = self.get(ArgumentPage)
        text = visible_text(response)
        self.assertIn("INGÉNIERIE SOCIALE", text)
        self.assertIn("considérations sur les contours et les contenus", text)
        positions = [text.find(phrase) for phrase in PARAGRAPH_PHRASES]
        self.assertNotIn(-1, positions, PARAGRAPH_PHRASES)
        self.assertEqual(positions, sorted(positions))
        self.assertNotIn("<footnote", response.content.decode())
        notes = seed.FOOTNOTES
        note_positions = [text.find(note) for note in notes]
        self.assertNotIn(-1, note_positions, notes)
        self.assertEqual(note_positions, sorted(note_positions))
        self.assertGreater(note_positions[0], positions[-1])
        references = re.findall(r"\[(\d+)\]", text[: note_positions[0]])
        self.assertEqual(references, [str(n) for n in range(1, 11)])

    def test_proceedings_page(self):
        response = self.get(ProceedingsPage)
        text = visible_text(response)
        self.assertIn("Un grand merci à tous les participants", text)
        self.assertIn("Il ne s’agit pas d’actes au sens strict", text)
        for contribution in seed.CONTRIBUTIONS:
            self.assertIn(contribution["title"], text)
        for size in ["167,22", "133,24", "256,63", "286,96", "312,73"]:
            self.assertIn(f"PDF – {size}{NBSP}Ko", text)
        self.assertIn("Les étudiants DEIS", text)
        self.assertContains(response, 'href="https://lapetitecordee.wordpress.com/"')
        self.assertIn("sur le site de La Petite Cordée", text)
        self.assertContains(response, 'href="https://www.directions.fr/"')
        self.assertIn("Direction[s]", text)

    def test_programme_shows_only_the_times_the_seed_gives(self):
        page = html.unescape(self.get(EventPage).content.decode())
        programme = page[page.index('<h2 id="programme">') : page.index('<h2 id="intervenants">')]
        times = re.findall(r"<time[^>]*>([^<]+)</time>", programme)
        self.assertEqual(times, ["9h00", "16h30"])
        items = re.findall(r'<li class="programme__item[^"]*">(.*?)</li>', programme, re.S)
        self.assertIn("Accueil des participants", items[0])
        self.assertIn("Clôture de la journée", items[-1])
        self.assertIn("Le mot du président", items[1])
        self.assertNotIn("<time", items[1])

    def test_the_undated_comment_shows_no_date(self):
        page = html.unescape(self.get(EventPage).content.decode())
        comments = re.findall(r'<li class="comment" id="commentaire-\d+">(.*?)</li>', page, re.S)
        by_author = {}
        for comment in comments:
            author = re.search(r'class="comment__author">([^<]+)<', comment).group(1)
            by_author.setdefault(author, []).append(comment)
        undated = by_author["Weislo Emmanuel"][0]
        self.assertIn("Quelle belle idée ce colloque.", undated)
        self.assertNotIn("<time", undated)
        self.assertNotIn("Le 29/05/2017", undated)
        question = by_author["marion13"][0]
        self.assertIn("Le 29/05/2017", question)
        self.assertIn("Le 16/06/2017", question)

    def test_trophy_registration_link_is_beside_its_text(self):
        page = self.get(EventPage).content.decode()
        trophy = page.index("La remise du Trophée Direction(s)")
        link = page.index(
            '<a href="https://evenium.net/ng/person/event/website.jsf?eventId=pkezbdzj'
            '&amp;page=tickets&amp;loc=fr&amp;justSubmit=false&amp;cid=25014">'
            "inscription au Trophée Direction[s] sur evenium.net</a>"
        )
        between = page[trophy:link]
        self.assertLess(link - trophy, 300, between)
        self.assertIn("Pour vous inscrire : ", between)
        self.assertIn(
            "La cérémonie de remise du 13e Trophée Direction[s]", visible_text(self.get(EventPage))
        )

    def test_download_links_are_short_and_name_the_talk_to_screen_readers(self):
        page = self.get(ProceedingsPage).content.decode()
        self.assertNotIn("Télécharger :", page)
        links = re.findall(r'<a class="download" href="[^"]+">(.*?)</a>', page, re.S)
        self.assertEqual(len(links), 5)
        for link, contribution in zip(links, seed.CONTRIBUTIONS, strict=False):
            self.assertTrue(
                link.startswith('Télécharger le document<span class="visually-hidden"> : ')
            )
            self.assertIn(html.escape(contribution["title"], quote=True), link)

    def test_press_line_names_the_magazine_once(self):
        text = without_tags(self.get(ProceedingsPage).content.decode())
        self.assertIn("Tribune, Direction[s]", text)
        self.assertNotIn("Direction[s], Direction[s]", text)

    def test_titles_use_the_typographic_apostrophe_only(self):
        titles = [page.title for page in Page.objects.filter(depth__gt=1)]
        titles += [item.title for item in ProgrammeItem.objects.all()]
        titles += [row.title for row in Contribution.objects.all()]
        titles += [image.title for image in get_image_model().objects.all()]
        titles += [document.title for document in get_document_model().objects.all()]
        self.assertIn("Colloque national sur l’ingénierie sociale", titles)
        self.assertEqual([title for title in titles if "'" in title], [])
        page = self.get(EventPage).content.decode()
        headings = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page, re.S)
        self.assertEqual([h for h in headings if "'" in html.unescape(h)], [])

    def test_documents_download(self):
        document = get_document_model().objects.get(title="Mot du président")
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        data = b"".join(response.streaming_content)
        self.assertEqual(len(data), 171234)
        self.assertTrue(data.startswith(b"%PDF-"))


# --- The demo editor ----------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_editor_is_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_editor", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="editeur").exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_editor_is_created_then_reset():
    output = io.StringIO()
    call_command("create_demo_editor", stdout=output)
    assert "editeur" in output.getvalue()
    assert "andelis-demo" in output.getvalue()
    user = get_user_model().objects.get(username="editeur")
    # An editor, not a superuser: the role decides, and it cannot publish.
    assert user.is_active and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Éditeurs"]
    moderator = get_user_model().objects.get(username="moderateur")
    assert list(moderator.groups.values_list("name", flat=True)) == ["Modérateurs"]
    user.set_password("autre chose")
    user.is_active = False
    user.save()
    call_command("create_demo_editor", stdout=io.StringIO())
    user = get_user_model().objects.get(username="editeur")
    assert user.check_password("andelis-demo")
    assert user.is_active
    assert get_user_model().objects.filter(username="editeur").count() == 1
