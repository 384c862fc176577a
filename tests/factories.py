"""Factories for every page type and every model an editor touches.

Each page factory builds its own parent, so ``EventPageFactory()`` alone gives
a live event under an events index under the home page, with the default Site
pointing at that home page. The home page and the two index pages are
singletons in the page tree (``max_count = 1``): their factories reuse the one
already there rather than building a second.
"""

import datetime
import io
from uuid import uuid4
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText
from wagtail_footnotes.models import Footnote

from core.models import ColloquiumDocument, StandardPage
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

PARIS = ZoneInfo("Europe/Paris")


def paris(year, month, day, hour=0, minute=0):
    """An aware datetime in Paris time, the way editors type them."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def pdf_bytes(text="Document de démonstration", pages=1):
    """A small, valid PDF whose pages carry ``text``."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _page in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, text=text)
    return bytes(pdf.output())


def png_bytes(width=60, height=40, colour="teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Media -------------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the stock factory makes a new root each time)."""

    title = factory.Sequence(lambda n: f"Image {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=120, height=80, color="teal", format="PNG")


class ColloquiumDocumentFactory(factory.django.DjangoModelFactory):
    """A real PDF, its format, size and page count read from the file as on upload."""

    class Meta:
        model = ColloquiumDocument

    class Params:
        pages = 1

    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            pdf_bytes(f"{o.title} - document de démonstration", pages=o.pages),
            name=f"document-{o.title.lower().replace(' ', '-')}.pdf",
        )
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


# --- Snippets ----------------------------------------------------------------


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Cité des métiers {n}")
    street_address = "4 rue des Consuls"
    postal_code = "13002"
    city = "Marseille"
    latitude = "43.296482"
    longitude = "5.369780"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Intervenante {n}")
    affiliation = "Institut méditerranéen de formation"
    biography = "<p>Ingénieure sociale.</p>"
    photo = factory.SubFactory(ImageFactory)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    logo = factory.SubFactory(ImageFactory)
    logo_alt_text = factory.LazyAttribute(lambda o: f"Logo de {o.name}")
    description = "<p>Un partenaire fidèle de l'association.</p>"
    website = "https://example.org/"


# --- Pages -------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    """The home page, directly under the tree root, served by the default Site."""

    class Meta:
        model = HomePage
        django_get_or_create = ["slug", "parent"]
        skip_postgeneration_save = True

    title = "Accueil"
    slug = "accueil"
    parent = factory.LazyFunction(Page.get_first_root_node)
    introduction = "<p>L'ANDELIS réunit les ingénieurs sociaux.</p>"

    @factory.post_generation
    def site(obj, create, extracted, **kwargs):
        if not create:
            return
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=obj, is_default_site=True)
        elif site.root_page_id != obj.pk:
            site.root_page = obj
            site.save()
        Site.clear_site_root_paths_cache()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage
        django_get_or_create = ["slug", "parent"]

    title = "Colloques"
    slug = "colloques"
    parent = factory.SubFactory(HomePageFactory)
    introduction = "<p>Les colloques de l'association.</p>"


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PublicationIndexPage
        django_get_or_create = ["slug", "parent"]

    title = "Publications"
    slug = "publications"
    parent = factory.SubFactory(HomePageFactory)
    introduction = "<p>Argumentaires et traces des colloques.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = "L'association"
    parent = factory.SubFactory(HomePageFactory)
    introduction = "Qui nous sommes."
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>L'ANDELIS réunit les ingénieurs sociaux.</p>"))]
    )


class EventPageFactory(wagtail_factories.PageFactory):
    """A one-day colloquium a month ahead, 9:00 to 16:30 Paris time."""

    class Meta:
        model = EventPage

    class Params:
        day = factory.LazyFunction(
            lambda: datetime.datetime.now(PARIS).date() + datetime.timedelta(days=30)
        )

    title = factory.Sequence(lambda n: f"Colloque {n}")
    parent = factory.SubFactory(EventIndexPageFactory)
    subtitle = "L'ingénierie sociale en question"
    start = factory.LazyAttribute(lambda o: paris(o.day.year, o.day.month, o.day.day, 9))
    end = factory.LazyAttribute(lambda o: paris(o.day.year, o.day.month, o.day.day, 16, 30))
    venue = factory.SubFactory(VenueFactory)
    introduction = "<p>Une journée d'étude ouverte à tous.</p>"
    is_free = True
    registration_information = "<p>Inscription par e-mail.</p>"


class ArgumentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArgumentPage

    title = "Argumentaire"
    parent = factory.SubFactory(EventPageFactory)
    subtitle = "Un diplôme en manque de reconnaissance"
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Dix ans après"}),
            ("paragraph", RichText("<p>Le DEIS vient de fêter ses dix ans.</p>")),
        ]
    )


class ProceedingsPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProceedingsPage

    title = "Traces du colloque"
    parent = factory.SubFactory(EventPageFactory)
    introduction = "<p>Merci aux intervenants.</p>"


# --- Inline children of pages ------------------------------------------------


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem
        skip_postgeneration_save = True

    page = factory.SubFactory(EventPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    start_time = datetime.time(9, 30)
    end_time = datetime.time(10, 15)
    kind = ProgrammeItem.Kind.TALK
    title = factory.Sequence(lambda n: f"Intervention {n}")

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speakers.set(extracted)
            obj.save()


class EventSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSpeaker

    page = factory.SubFactory(EventPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    person = factory.SubFactory(PersonFactory)


class EventPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventPartner

    page = factory.SubFactory(EventPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    partner = factory.SubFactory(PartnerFactory)
    role = EventPartner.Role.ORGANISER


class EventImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventImage

    page = factory.SubFactory(EventPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    image = factory.SubFactory(ImageFactory)
    caption = "Programme de la journée"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    page = factory.SubFactory(ProceedingsPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Contribution {n}")
    document = factory.SubFactory(ColloquiumDocumentFactory)

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.speakers.set(extracted)
            obj.save()


class PressArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressArticle

    page = factory.SubFactory(ProceedingsPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    title = "Ingénierie sociale : un diplôme en manque de reconnaissance"
    publication = "Direction[s]"
    url = "https://www.directions.fr/"
    published_on = datetime.date(2017, 6, 1)


class FootnoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Footnote

    page = factory.SubFactory(ArgumentPageFactory)
    sort_order = factory.Sequence(lambda n: n)
    uuid = factory.LazyFunction(lambda: str(uuid4()))
    text = factory.Sequence(lambda n: f"<p>Note {n}.</p>")


# Every page model of ours and the factory that builds it; tests/test_factories.py
# fails when a page type is missing here.
PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    EventIndexPage: EventIndexPageFactory,
    EventPage: EventPageFactory,
    ArgumentPage: ArgumentPageFactory,
    ProceedingsPage: ProceedingsPageFactory,
    PublicationIndexPage: PublicationIndexPageFactory,
    StandardPage: StandardPageFactory,
}
