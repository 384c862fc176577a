"""The harvestable records: one row per talk ever exposed, kept after it is withdrawn."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestRecord(models.Model):
    """A talk as OAI-PMH harvesters see it, with the date it last changed for them.

    Harvesters ask "what changed since this date?", and must also learn what was
    withdrawn: a talk removed from its proceedings, or proceedings unpublished,
    made private or deleted. Neither can be read from the pages, so the repository
    keeps its own rows (``oai/harvest.py``): ``datestamp`` moves only when the
    record's Dublin Core, set or status changes, and a withdrawn talk stays as a
    ``deleted`` row (Identify says ``deletedRecord`` "persistent").
    """

    # Not a foreign key: the row outlives the talk (Contribution) it describes.
    talk_id = models.PositiveIntegerField(_("intervention"), unique=True)
    proceedings_id = models.PositiveIntegerField(_("traces du colloque"), db_index=True)
    set_spec = models.CharField(_("ensemble (setSpec)"), max_length=100)
    set_name = models.CharField(_("nom de l'ensemble"), max_length=255)
    datestamp = models.DateTimeField(_("date de la dernière modification"))
    deleted = models.BooleanField(_("retirée"), default=False)
    # The record's <oai_dc:dc> element, serialized; empty once deleted.
    metadata = models.TextField(_("notice Dublin Core"), blank=True)

    class Meta:
        verbose_name = _("notice moissonnable")
        verbose_name_plural = _("notices moissonnables")
        indexes = [models.Index(fields=["datestamp", "id"], name="oai_record_datestamp_id")]

    def __str__(self):
        return f"talk/{self.talk_id}"
