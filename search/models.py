"""The public search's own table: one row per published page or document it can find."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One page, or one document a page publishes, as the public search sees it.

    ``page`` is the page itself, or the page publishing the document (a talk's
    proceedings, a colloquium for its poster): an entry is shown only while
    that page is live and public. The other columns are what the results and
    facets show, so that a search joins nothing. PostgreSQL: ``title_vector``
    (the title), ``header`` (title A, context B, a page's text C), ``body``
    (every word, with positions) and ``terms``, what is matched (``body``'s
    words and a word per pair of neighbours, ``entries.TERMS_SQL``). SQLite:
    ``words``, the same words folded, for ``LIKE``. See docs/search.md.
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
