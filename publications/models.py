"""What remains of a colloquium: its argument essay and its proceedings."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import LongTextBlock
from core.models import BasePage, FootnotesMixin, footnotes_panel
from events.models import EventPage, Person

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


class ProceedingsPage(EventChildMixin, BasePage):
    """The "traces" of a colloquium: each talk's document or video, and the press."""

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contributions"] = (
            self.contributions.all()
            .select_related("document")
            .prefetch_related(Prefetch("speakers", queryset=Person.objects.order_by("name")))
        )
        context["press_articles"] = self.press_articles.all()
        return context


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

    panels = [
        FieldPanel("title"),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("speaker_label"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("video_url"), FieldPanel("video_label")],
            heading=_("Document ou vidéo"),
        ),
        FieldPanel("note"),
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
