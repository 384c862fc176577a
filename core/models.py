"""Models shared by every section of the site."""

import os

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_footnotes.widgets import ReadonlyUUIDInput

from core import colours, extraction, files, personal_data
from core.blocks import StandardTextBlock
from core.metadata import plain_text, stream_text
from core.panels import ToFillPanel


class ColloquiumDocument(AbstractDocument):
    """A file offered for download (a talk's slides, a poster, a programme).

    Its format, size and page count are read from the file itself on upload,
    so editors never type them and visitors always see the truth.
    """

    class ExtractionStatus(models.TextChoices):
        PENDING = extraction.PENDING, _("en attente")
        EXTRACTED = extraction.EXTRACTED, _("texte extrait")
        UNREADABLE = extraction.UNREADABLE, _("texte non extrait : fichier illisible")
        ENCRYPTED = (
            extraction.ENCRYPTED,
            _("texte non extrait : fichier protégé par un mot de passe"),
        )
        NO_TEXT = extraction.NO_TEXT, _("texte non extrait : aucun texte (document numérisé ?)")
        NOT_PDF = extraction.NOT_PDF, _("texte non extrait : format non PDF")
        TOO_LARGE = extraction.TOO_LARGE, _("texte non extrait : fichier trop volumineux")

    file_format = models.CharField(_("format"), max_length=16, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("nombre de pages"), null=True, editable=False)
    extraction_status = models.CharField(
        _("texte pour la recherche"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        editable=False,
    )
    extraction_truncated = models.BooleanField(
        _("texte extrait en partie seulement"), default=False, editable=False
    )
    search_text = models.TextField(
        _("texte extrait"),
        blank=True,
        editable=False,
        help_text=_("Le texte du document, lu dans le fichier, pour la recherche."),
    )

    admin_form_fields = WagtailDocument.admin_form_fields

    # The extracted text is also an AutocompleteField: the admin's document
    # listing and chooser search with autocomplete() as soon as a model has one
    # (Wagtail's own title field), and would otherwise never look inside files.
    search_fields = [
        *AbstractDocument.search_fields,
        index.FilterField("file_format"),
        # The public search reads the text from search.SearchEntry, not from
        # Wagtail's index (docs/search.md): only the admin's autocomplete keeps it.
        index.AutocompleteField("search_text"),
        index.SearchField("search_context", boost=2),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        super().clean()
        if not self.file:
            return
        extension = os.path.splitext(self.file.name)[1]
        message = files.content_mismatch(self.file, extension)
        if message:
            raise ValidationError({"file": message})

    def _set_document_file_metadata(self):
        super()._set_document_file_metadata()
        facts = files.inspect(self.file, self.file_extension)
        self.file_format = facts.file_format
        self.page_count = facts.page_count
        self.file.seek(0)
        # A new file: its text is read again in the background once saved
        # (core/signal_handlers.py), and the old text is no longer the truth.
        self.extraction_status = self.ExtractionStatus.PENDING
        self.extraction_truncated = False
        self.search_text = ""
        self._text_extraction_needed = True

    # What the apps above core add to a document's search text: functions of a
    # document returning strings (publications/apps.py adds its talks and events).
    search_context_providers = []

    def search_context(self):
        """Words the pages using this document add to its search text (a speaker's
        name, a colloquium), so that a search on them finds the document."""
        parts = [part for provider in self.search_context_providers for part in provider(self)]
        return " ".join(part for part in parts if part)

    @property
    def extraction_status_label(self):
        label = self.get_extraction_status_display()
        if self.extraction_truncated:
            label = _("%(status)s (premières pages seulement)") % {"status": label}
        return label


class DocumentPageText(models.Model):
    """The text of one page of a document, so a search hit can name its page."""

    document = models.ForeignKey(
        ColloquiumDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="page_texts",
    )
    page_number = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("texte"))
    # The page's words for PostgreSQL (set by core.extraction; empty on SQLite):
    # finding a hit's best page then reads no text.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("texte d'une page de document")
        verbose_name_plural = _("textes des pages de documents")
        ordering = ["document", "page_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "page_number"], name="unique_document_page_number"
            )
        ]

    def __str__(self):
        return f"{self.document} – p. {self.page_number}"


class BasePage(Page):
    """Common ground of every public page: a short summary for listings and sharing."""

    listing_summary = models.TextField(
        _("résumé pour les listes"),
        blank=True,
        help_text=_(
            "Une ou deux phrases affichées dans les listes et lors d'un partage. "
            "Laissez vide pour utiliser la description de la page."
        ),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("listing_summary"),
                FieldPanel("show_in_menus"),
            ],
            heading=_("Référencement et listes"),
        ),
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    def meta_description_fallback(self):
        """The meta description when the editor wrote no search description: the
        listing summary, else the first words of the introduction or of the text."""
        if self.listing_summary:
            return self.listing_summary
        text = plain_text(getattr(self, "introduction", ""))
        if not text and hasattr(self, "body"):
            text = stream_text(self.body)
        return text

    @classmethod
    def routing_queryset(cls):
        """How the home page's ``route()`` reads a page of this type once it has found it:
        a type adds the related rows every visit shows (``select_related``)."""
        return cls.objects.all()

    def get_view_restrictions(self):
        """Wagtail's check, without its two queries on every visit when no page on the way
        here is private (docs/performance.md). With any alias in the site, Wagtail's own."""
        from wagtail.models import PageViewRestriction

        from core.fragments import restricted_facts

        # The home page's route() reads them with the address (core/fragments.py).
        facts = getattr(self, "view_restriction_facts", None) or restricted_facts()
        if facts["aliases"]:
            return super().get_view_restrictions()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        if facts["paths"].isdisjoint(paths):
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page__path__in=paths)


def footnotes_panel():
    """wagtail-footnotes' inline panel, with French labels (its own are English)."""
    return InlinePanel(
        "footnotes",
        heading=_("Notes de bas de page"),
        label=_("note"),
        help_text=_(
            "Chaque note créée avec le bouton « Fn » du texte apparaît ici ; "
            "elles sont numérotées dans l'ordre du texte."
        ),
        panels=[
            FieldPanel("text", heading=_("Texte de la note")),
            FieldPanel(
                "uuid",
                heading=_("Identifiant"),
                widget=ReadonlyUUIDInput,
                help_text=_(
                    "Le numéro de la note dans le texte, comme sur la page, puis son "
                    "identifiant technique."
                ),
            ),
        ],
    )


class FootnotesMixin:
    """Pages whose long text carries numbered footnotes (wagtail-footnotes)."""

    @classmethod
    def routing_queryset(cls):
        # Read with the page, so that a page kept by core/serving.py holds them too.
        return super().routing_queryset().prefetch_related("footnotes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # wagtail-footnotes' paragraph block reads ``page.footnotes.all()`` for each
        # paragraph: loaded once (here, unless ``routing_queryset`` did). A preview
        # (``request.is_preview``, set by Wagtail) holds the footnotes being edited in
        # memory, which modelcluster serves before any prefetched rows: nothing to read.
        if self.pk and not getattr(request, "is_preview", False):
            prefetch_related_objects([self], "footnotes")
        return context


class StandardPage(FootnotesMixin, BasePage):
    """A plain page for what the association says about itself: who we are,
    how to reach us, the legal notice. It may hold sub-pages of its own."""

    introduction = models.TextField(
        _("chapeau"),
        blank=True,
        help_text=_("Une ou deux phrases en tête de page, en plus gros."),
    )
    body = StreamField(
        StandardTextBlock(),
        blank=True,
        verbose_name=_("texte"),
        help_text=_(
            "Paragraphes, intertitres, citations ; notes de bas de page avec « Fn ». "
            "Un passage « [à compléter …] » signale aux visiteurs une information que "
            "l'association doit encore donner."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        ToFillPanel(fields=["introduction", "body"]),
        FieldPanel("introduction"),
        FieldPanel("body"),
        footnotes_panel(),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The privacy notice's block shows the retention settings: its cached
        # fragment varies on them (templates/core/standard_page.html).
        context["retention_signature"] = personal_data.retention_signature()
        return context

    class Meta:
        verbose_name = _("page simple")
        verbose_name_plural = _("pages simples")


def _footer_page(verbose_name):
    """A page chosen in the site settings and linked from every page's footer."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Liée depuis le pied de chaque page."),
    )


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """What the association says about itself in every page's header and footer,
    and its look: the logo and the main colour (docs/design.md)."""

    association_name = models.CharField(
        _("nom de l'association"),
        max_length=255,
        default="ANDELIS",
        help_text=_("Affiché dans l'en-tête et le pied de chaque page."),
    )
    tagline = models.CharField(
        _("sous-titre"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : Association nationale des ingénieurs sociaux."),
    )
    contact_email = models.EmailField(
        _("adresse e-mail de contact"),
        blank=True,
        help_text=_("Affichée dans le pied de page pour joindre l'association."),
    )
    legal_notice_page = _footer_page(_("page des mentions légales"))
    privacy_page = _footer_page(_("page de la politique de confidentialité"))
    accessibility_page = _footer_page(_("page de la déclaration d'accessibilité"))
    contact_page = _footer_page(_("page de contact"))
    footer_text = RichTextField(
        _("texte du pied de page"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Quelques mots sur l'association, affichés en bas de chaque page."),
    )

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Remplace le logo ANDELIS de l'en-tête. Une image claire sur fond transparent, "
            "lisible sur la couleur de l'en-tête ; laissez vide pour garder le logo ANDELIS."
        ),
    )
    brand_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        blank=True,
        validators=[colours.validate_brand_colour],
        help_text=_(
            "En hexadécimal, par exemple #1d4f7a : liens, boutons et, plus foncée, l'en-tête. "
            "Elle doit rester lisible sur fond blanc (contraste d'au moins 4,5:1). "
            "Laissez vide pour le bleu ANDELIS."
        ),
    )
    # The pages every footer links to, in this order (core/templatetags/andelis_tags.py).
    FOOTER_PAGE_FIELDS = ("legal_notice_page", "privacy_page", "accessibility_page", "contact_page")

    panels = [
        FieldPanel("association_name"),
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("contact_page"),
            ],
            heading=_("Pages liées depuis le pied de page"),
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("brand_colour")],
            heading=_("Identité visuelle"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du site")

    def clean(self):
        super().clean()
        if self.brand_colour:
            self.brand_colour = colours.normalise(self.brand_colour)

    @property
    def theme_colours(self):
        """The CSS custom properties for the chosen colour, or ``None`` for the default."""
        rgb = colours.parse(self.brand_colour) if self.brand_colour else None
        if rgb is None:
            return None
        return {
            "brand": colours.to_hex(rgb),
            "brand-dark": colours.to_hex(colours.header_shade(rgb)),
        }
