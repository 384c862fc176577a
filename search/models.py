"""What the public search reads about each document, in one narrow row."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentSearchEntry(models.Model):
    """One document, as the public search sees it (maintained by search/documents.py).

    ``header`` holds the words of the document's title (weight A) and of its
    context — talk, speakers, colloquium, year — (weight B): small, stored
    inline, ranked with ``ts_rank``. ``body`` holds every word of the extracted
    text and every pair of consecutive words (``'protect enfanc'``, for
    phrases), without positions: matched through its GIN index only.
    ``body_has_pairs`` is false for a document too long for its pairs to fit
    in a ``tsvector`` (its phrases are then checked on its pages).
    The other columns describe the document for the facets without joins.
    Vectors are empty on SQLite. On PostgreSQL the table also has
    ``speaker_ids integer[]`` (the keys of ``speakers``, for counting the
    speaker facet with ``unnest``) and ``page_ids integer[]`` (the pages
    using the document, whatever their state: the public check), set by
    ``refresh_entries`` (search/0006); not model fields: SQLite has no arrays.
    """

    document = models.OneToOneField(
        "core.ColloquiumDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    header = SearchVectorField(null=True)
    body = SearchVectorField(null=True)
    title = models.CharField(_("titre"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=20, blank=True)
    talk_id = models.IntegerField(_("intervention"), null=True)
    event_id = models.IntegerField(_("colloque"), null=True)
    year = models.IntegerField(_("année"), null=True)
    # {person id (as text): name}
    speakers = models.JSONField(_("intervenants"), default=dict)
    body_has_pairs = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("entrée de recherche d'un document")
        verbose_name_plural = _("entrées de recherche des documents")

    def __str__(self):
        return self.title


class PageSearchEntry(models.Model):
    """The speakers of a colloquium or proceedings page, as the public search counts them.

    A colloquium's speakers, or the speakers of a proceedings' talks: kept by
    ``search/documents.py`` when the page is published, so that the speaker
    facet of a search matching hundreds of pages reads one row per page
    instead of joining their programmes. On PostgreSQL the table also has
    ``speaker_ids integer[]`` (search/0006; not a model field: SQLite has no
    arrays, and its search counts speakers in Python).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    # {person id (as text): name}
    speakers = models.JSONField(_("intervenants"), default=dict)

    class Meta:
        verbose_name = _("entrée de recherche d'une page")
        verbose_name_plural = _("entrées de recherche des pages")

    def __str__(self):
        return str(self.page_id)
