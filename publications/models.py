"""What remains of a colloquium: its argument essay and its proceedings.

Each talk of the proceedings (a ``Contribution``, edited inline on the proceedings page)
has a page of its own, ``<proceedings>/<slug>/``, served by a sub-page route of
``ProceedingsPage`` (docs/talks.md).
"""

from collections import namedtuple

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import LongTextBlock
from core.metadata import first_words
from core.models import BasePage, FootnotesMixin, footnotes_panel
from events.models import EventPage, Person
from publications.citations import FORMATS, citation_response, download_links
from publications.records import proceedings_records, talk_record

SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EventChildMixin:
    """Pages that belong to one colloquium and are listed under it."""

    @property
    def event(self):
        parent = self.get_parent()
        return parent.specific if parent else None


class PublicationIndexPage(BasePage):
    """Every argument essay and every proceedings, across the years."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Quelques lignes au-dessus de la liste des publications."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("liste des publications")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the list is rendered, not when it comes from the fragment cache.
        context["publications_by_year"] = SimpleLazyObject(self._publications_by_year)
        return context

    def _publications_by_year(self):
        events_by_path = {event.path: event for event in EventPage.objects.live().public()}
        publications = []
        for model in (ProceedingsPage, ArgumentPage):
            for page in model.objects.live().public():
                event = events_by_path.get(page.path[: -page.steplen])
                if event is not None:
                    publications.append((event, page))
        publications.sort(key=lambda pair: (pair[0].start, pair[1].title), reverse=True)
        years = {}
        for event, page in publications:
            years.setdefault(event.start_local.year, []).append((event, page))
        return list(years.items())


class ArgumentPage(EventChildMixin, FootnotesMixin, BasePage):
    """The argument essay of a colloquium, with numbered footnotes."""

    # "Préparer l'édition suivante" copies it into the next edition (events/next_edition.py).
    copied_to_next_edition = True

    subtitle = models.CharField(
        _("sous-titre"),
        max_length=255,
        blank=True,
        help_text=_("Le titre développé de l'argumentaire, affiché sous le titre."),
    )
    body = StreamField(
        LongTextBlock(),
        verbose_name=_("texte"),
        help_text=_(
            "Le texte de l'argumentaire. Pour une note de bas de page, placez le curseur "
            "et cliquez sur « Fn » : les notes sont numérotées automatiquement."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("body"),
        footnotes_panel(),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("body"),
        index.RelatedFields("footnotes", [index.SearchField("text")]),
    ]

    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("argumentaire")
        verbose_name_plural = _("argumentaires")


class ProceedingsPage(RoutablePageMixin, EventChildMixin, BasePage):
    """The "traces" of a colloquium: each talk's document or video, and the press.

    Editors write the talks here; each one is also shown on a page of its own
    (``talk`` below), which is what citations and harvesters point to.
    """

    # Visitors may comment under it (comments/views.py).
    accepts_visitor_comments = True

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=SHORT_TEXT_FEATURES,
        help_text=_("Remerciements, présentation de ce que l'on trouve ici."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel("contributions", heading=_("Interventions"), label=_("intervention")),
        InlinePanel("press_articles", heading=_("Dans la presse"), label=_("article")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.RelatedFields(
            "contributions",
            [
                index.SearchField("title"),
                index.SearchField("note"),
                index.SearchField("speaker_label"),
                index.RelatedFields("speakers", [index.SearchField("name")]),
            ],
        ),
    ]

    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("traces du colloque")
        verbose_name_plural = _("traces des colloques")

    @classmethod
    def get_indexed_objects(cls):
        # Nested RelatedFields are not prefetched by modelsearch (see EventPage).
        return super().get_indexed_objects().prefetch_related("contributions__speakers")

    def clean(self):
        super().clean()
        taken = set()
        for contribution in self.contributions.all():
            contribution.fill_slug(taken)
            taken.add(contribution.slug)
            contribution.keep_speaker_affiliations()

    def talks(self):
        """The talks with their document and speakers, in the editors' order."""
        contributions = self.contributions.all()
        if not isinstance(contributions, models.QuerySet):
            # A preview: the talks being edited live in memory (modelcluster).
            return list(contributions)
        return list(
            contributions.select_related("document").prefetch_related(
                Prefetch("speakers", queryset=Person.objects.order_by("name"))
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contributions"] = SimpleLazyObject(self.talks)
        context["press_articles"] = self.press_articles.all()
        context["citation_links"] = SimpleLazyObject(
            lambda: download_links(self.get_url(request) or "")
        )
        return context

    @path("<slug:slug>/", name="talk")
    def talk(self, request, slug):
        """A talk's own page."""
        talks = self.talks()
        talk = next((t for t in talks if t.slug == slug), None)
        if talk is None:
            raise Http404
        event = self.event
        context = self.get_context(request)
        talk_url = self.talk_url(talk, request)
        context.update(
            {
                "talk": talk,
                "talks": talks,
                "event": event,
                "subpage_title": talk.title,
                "talk_url": talk_url,
                "talk_description": talk.description(event),
                # Read only when the page is rendered, not when it comes from the cache.
                "record": SimpleLazyObject(
                    lambda: talk_record(talk, proceedings=self, event=event)
                ),
                "citation_links": download_links(talk_url),
            }
        )
        return TemplateResponse(request, "publications/talk_page.html", context)

    @path("<slug:slug>/citer/<str:format_name>/", name="talk_citation")
    def talk_citation(self, request, slug, format_name):
        """A talk's reference as a file: BibTeX, RIS or CSL-JSON (publications/citations.py)."""
        talk = next((t for t in self.talks() if t.slug == slug), None)
        if talk is None or format_name not in FORMATS:
            raise Http404
        return citation_response([talk_record(talk, proceedings=self)], format_name, talk.slug)

    @path("citer/<str:format_name>/", name="citations")
    def citations(self, request, format_name):
        """The references of every talk of the colloquium, in one file."""
        records = proceedings_records(self)
        if not records or format_name not in FORMATS:
            raise Http404
        event = self.event
        return citation_response(records, format_name, event.slug if event else self.slug)

    def talk_url(self, talk, request=None):
        base = self.get_url(request)
        return f"{base}{self.reverse_subpage('talk', args=[talk.slug])}" if base else ""

    def talk_full_url(self, talk, request=None):
        base = self.get_full_url(request)
        return f"{base}{self.reverse_subpage('talk', args=[talk.slug])}" if base else ""

    def get_cached_paths(self):
        # Publishing purges each talk's page and the reference files with the proceedings
        # (core/frontcache.py).
        paths = ["/", *(self.reverse_subpage("citations", args=[name]) for name in FORMATS)]
        for talk in self.talks():
            paths.append(self.reverse_subpage("talk", args=[talk.slug]))
            paths += [
                self.reverse_subpage("talk_citation", args=[talk.slug, name]) for name in FORMATS
            ]
        return paths

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        lastmod = urls[0].get("lastmod")
        for talk in self.talks():
            url = self.talk_full_url(talk, request)
            urls.append({"location": url, "lastmod": lastmod} if lastmod else {"location": url})
        return urls


Speaker = namedtuple("Speaker", ["name", "affiliation", "person"])

# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "’": " ", "'": " "})


def talk_slug(title):
    """The address of a talk from its title: "Œuvrer à la…" gives "oeuvrer-a-la-…"."""
    slug = slugify(title.translate(LIGATURES))
    if len(slug) > 80:
        # Cut between words.
        slug = slug[:81].rsplit("-", 1)[0]
    return slug.strip("-") or "intervention"


class Contribution(Orderable, ClusterableModel):
    """One talk's trace: who spoke, on what, and its document or video."""

    page = ParentalKey(ProceedingsPage, on_delete=models.CASCADE, related_name="contributions")
    title = models.CharField(
        _("titre de l'intervention"),
        max_length=500,
        help_text=_("Tel qu'annoncé au programme, ou le titre du texte publié."),
    )
    speakers = ParentalManyToManyField(
        Person,
        verbose_name=_("intervenants"),
        blank=True,
        related_name="contributions",
        help_text=_("Cochez les personnes qui ont pris la parole."),
    )
    speaker_affiliations = models.JSONField(
        _("fonctions des intervenants à la date de l'intervention"),
        default=dict,
        blank=True,
        editable=False,
    )
    speaker_label = models.CharField(
        _("intervenants (texte libre)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Pour un groupe qui n'est pas une personne : « les étudiants DEIS ». "
            "Remplace la liste des intervenants à l'affichage."
        ),
    )
    document = models.ForeignKey(
        "core.ColloquiumDocument",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Le texte ou le diaporama de l'intervention (PDF) ; son format et son "
            "poids s'affichent tout seuls."
        ),
    )
    video_url = models.URLField(
        _("lien vers la vidéo"),
        blank=True,
        help_text=_("Adresse de la vidéo sur un autre site."),
    )
    video_label = models.CharField(
        _("texte du lien vidéo"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : « sur le site de La Petite Cordée »."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Une précision affichée sous l'intervention.")
    )
    abstract = models.TextField(
        _("résumé"),
        blank=True,
        help_text=_("Facultatif : quelques lignes sur l'intervention, affichées sur sa page."),
    )
    slug = models.SlugField(
        _("adresse de la page de l'intervention"),
        max_length=80,
        blank=True,
        allow_unicode=False,
        help_text=_(
            "La fin de l'adresse de la page de l'intervention. Laissez vide : elle est "
            "tirée du titre. Ne la changez plus une fois publiée, car elle est citée."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("speaker_label"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("video_url"), FieldPanel("video_label")],
            heading=_("Document ou vidéo"),
        ),
        FieldPanel("abstract"),
        FieldPanel("note"),
        FieldPanel("slug"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.document_id and not self.video_url:
            raise ValidationError(
                _("Joignez un document ou indiquez le lien d'une vidéo pour cette intervention.")
            )

    def save(self, *args, **kwargs):
        # Talks created in code (the demo, imports) get their address here; the page's
        # clean() gives it to those written in the editor.
        if not self.slug and self.page_id:
            self.fill_slug(
                set(
                    Contribution.objects.filter(page_id=self.page_id)
                    .exclude(pk=self.pk)
                    .values_list("slug", flat=True)
                )
            )
        super().save(*args, **kwargs)

    def fill_slug(self, taken=()):
        """Give the talk an address from its title when the editor left it empty,
        different from the other talks' (``taken``)."""
        if self.slug and self.slug not in taken:
            return
        base = self.slug or talk_slug(self.title)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base[:76]}-{number}", number + 1
        self.slug = slug

    def keep_speaker_affiliations(self):
        """Remember each speaker's affiliation as it is when they are first named on the
        talk: the talk's page and its citations keep it when the person's record changes."""
        speakers = list(self.speakers.all())
        kept = dict(self.speaker_affiliations or {})
        self.speaker_affiliations = {
            str(person.pk): kept.get(str(person.pk), person.affiliation) for person in speakers
        }

    def speakers_at_the_time(self):
        """(name, affiliation at the time, person) of each speaker; the free-text label,
        when there is one, stands for them all."""
        if self.speaker_label:
            return [Speaker(self.speaker_label, "", None)]
        kept = self.speaker_affiliations or {}
        return [
            Speaker(person.name, kept.get(str(person.pk), person.affiliation), person)
            for person in self.speakers.all()
        ]

    def speaker_names(self):
        return ", ".join(speaker.name for speaker in self.speakers_at_the_time())

    def description(self, event=None):
        """One or two sentences on the talk, for its meta description and listings."""
        if self.abstract.strip():
            return first_words(self.abstract)
        text = self.title
        if self.speaker_names():
            text = f"{self.speaker_names()} : {text}"
        if event is not None:
            day = formats.date_format(timezone.localtime(event.start), "j F Y")
            text += f". Intervention au colloque « {event.title} » ({day})."
        return first_words(text)

    def get_url(self, request=None):
        return self.page.talk_url(self, request)

    def get_full_url(self, request=None):
        return self.page.talk_full_url(self, request)


class PressArticle(Orderable):
    """An article about the colloquium published elsewhere."""

    page = ParentalKey(ProceedingsPage, on_delete=models.CASCADE, related_name="press_articles")
    title = models.CharField(_("titre"), max_length=255, help_text=_("Le titre de l'article."))
    publication = models.CharField(
        _("publication"), max_length=255, help_text=_("Par exemple : Direction[s].")
    )
    url = models.URLField(_("lien"), help_text=_("L'adresse de l'article en ligne."))
    published_on = models.DateField(
        _("date de parution"), null=True, blank=True, help_text=_("Facultatif.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("publication"),
        FieldPanel("url"),
        FieldPanel("published_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("article de presse")
        verbose_name_plural = _("articles de presse")

    def __str__(self):
        return self.title
