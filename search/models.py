"""The public search's own table: one row per published page or document it can find."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One page, or one document attached to a page, as the public search sees it.

    Kept by ``search/entries.py`` when a page is published or unpublished and
    when a document is saved or its text extracted. ``page`` is the page
    itself, or the page that publishes the document (a proceedings page for a
    talk's file, a colloquium for its poster): the search shows an entry only
    while that page is live and public. The other columns are what the
    results list and its facets show, so that a search joins nothing.

    On PostgreSQL, ``title_vector`` holds the words of the title, ``header``
    the title (weight A) and its context (weight B: subtitle, talk, speakers,
    colloquium, year), ``body`` every word of the header and of the text,
    with positions (phrases). On SQLite the vectors are empty and ``words``
    holds the same words folded (lower case, no accents) for ``LIKE``.
    ``terms`` is what the search matches on PostgreSQL, through its GIN index
    (search/0011): the words of ``body`` without their positions, and a word
    for each pair of neighbours (``entries.TERMS_SQL``), so that a phrase is
    found without reading ``body``.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    document = models.OneToOneField(
        "core.ColloquiumDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("type"), max_length=20)
    title = models.CharField(_("titre"), max_length=255)
    # A page's own text, for its snippet (a document's is in its pages' text).
    text = models.TextField(_("texte"), blank=True)
    talk_id = models.IntegerField(_("intervention"), null=True, blank=True)
    event_id = models.IntegerField(_("colloque"), null=True, blank=True)
    year = models.IntegerField(_("année"), null=True, blank=True)
    # {person id (as text): name}
    speakers = models.JSONField(_("intervenants"), default=dict, blank=True)
    title_vector = SearchVectorField(null=True)
    header = SearchVectorField(null=True)
    body = SearchVectorField(null=True)
    terms = SearchVectorField(null=True)
    words = models.TextField(_("mots (SQLite)"), blank=True)

    class Meta:
        verbose_name = _("entrée de recherche")
        verbose_name_plural = _("entrées de recherche")
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(document=None),
                name="search_entry_one_per_page",
            )
        ]

    def __str__(self):
        return self.title
