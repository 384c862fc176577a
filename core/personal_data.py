"""Visitors' personal data, erased after their retention period.

``manage.py erase_personal_data`` (run daily) calls every eraser registered here.
Each app registers its own in ``AppConfig.ready()``: core does not know the apps
above it (comments register here from core, registrations from events).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Eraser:
    # The command's option (``--<option>``) that overrides the retention.
    option: str
    # The setting holding the retention in months.
    setting: str
    # erase(cutoff, now, dry_run) -> how many records were (or would be) erased.
    erase: Callable
    # What is erased, for the French report: "inscription(s)".
    what: str
    # For the privacy notice (core.blocks.PersonalDataBlock), in French: what the
    # visitor gives ("Inscription à un colloque"), the data kept, why, and from
    # when the months are counted ("la fin du colloque").
    label: str = ""
    data: str = ""
    purpose: str = ""
    counted_from: str = ""

    def report(self, count, months, dry_run):
        verb = "seraient effacées" if dry_run else "effacées"
        return f"{count} {self.what} {verb} (délai : {months} mois)."


_ERASERS = {}


def register(eraser):
    _ERASERS[eraser.option] = eraser


def erasers():
    return list(_ERASERS.values())


def retention_months(eraser):
    """The months ``eraser`` keeps its data, read from the settings each time."""
    return getattr(settings, eraser.setting)


def retention_signature():
    """Every retention in months, for the key of a cached fragment that shows them:
    a changed setting is shown at once, not when the cached page expires."""
    return "-".join(str(retention_months(eraser)) for eraser in erasers())


def months_before(moment, months):
    """The same day and time ``months`` calendar months earlier (clamped to month end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def cutoff(months, now=None):
    """What is older than this moment is past its retention."""
    return months_before(timezone.localtime(now or timezone.now()), months)
