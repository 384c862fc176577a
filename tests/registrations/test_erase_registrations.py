"""Registrants' personal data disappear a configurable number of months after the event."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from core.personal_data import months_before
from registrations.models import Registration
from tests.factories import EventPageFactory, paris

pytestmark = pytest.mark.django_db


def registration(event, email, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        event=event,
        name="Camille Martin",
        email=email,
        organisation="IRTS",
        role="Formatrice",
        accessibility_needs="Fauteuil",
        status=status,
    )


def run(**options):
    out = io.StringIO()
    call_command("erase_registrations", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def events():
    old = EventPageFactory(start=paris(2030, 1, 15, 9), end=paris(2030, 1, 15, 17))
    recent = EventPageFactory(start=paris(2030, 6, 1, 9), end=paris(2030, 6, 1, 17))
    for event in (old, recent):
        registration(event, "a@example.org")
        registration(event, "b@example.org", status=Registration.Status.CANCELLED)
    return old, recent


@pytest.mark.parametrize(
    ("now", "erased_events"),
    [
        # Six months (the default) after 15 January 17:00 is 15 July 17:00.
        (paris(2030, 7, 15, 16, 59), 0),
        (paris(2030, 7, 15, 17, 1), 1),
        (paris(2030, 12, 2), 2),
    ],
)
def test_erases_only_events_older_than_the_retention(events, now, erased_events):
    with time_machine.travel(now, tick=False):
        output = run()
    assert f"{2 * erased_events} inscription(s) effacées (délai : 6 mois)." in output
    for index, event in enumerate(events):
        for r in Registration.objects.filter(event=event):
            if index < erased_events:
                assert (r.name, r.email, r.organisation, r.role, r.accessibility_needs) == (
                    "",
                    "",
                    "",
                    "",
                    "",
                )
                assert r.personal_data_erased_at is not None
                assert "(données effacées)" in str(r)
            else:
                assert r.email.endswith("@example.org")
                assert r.personal_data_erased_at is None
    # Counts survive: the association still knows how many registered.
    assert Registration.objects.count() == 4


def test_months_come_from_the_setting_or_the_option(events, settings):
    settings.REGISTRATION_RETENTION_MONTHS = 1
    with time_machine.travel(paris(2030, 2, 16), tick=False):
        assert "2 inscription(s) effacées (délai : 1 mois)." in run()
    with time_machine.travel(paris(2030, 6, 2), tick=False):
        assert "0 inscription(s) effacées (délai : 12 mois)." in run(months=12)
        assert "2 inscription(s) effacées (délai : 0 mois)." in run(months=0)


def test_dry_run_erases_nothing_and_a_second_run_finds_nothing(events):
    with time_machine.travel(paris(2031, 1, 1), tick=False):
        assert "4 inscription(s) seraient effacées" in run(dry_run=True)
        assert Registration.objects.filter(personal_data_erased_at__isnull=True).count() == 4
        assert "4 inscription(s) effacées" in run()
        assert "0 inscription(s) effacées" in run()


def test_a_negative_delay_is_refused_in_french(events):
    with pytest.raises(CommandError, match="Le délai en mois doit être positif ou nul"):
        run(months=-1)
    assert Registration.objects.filter(personal_data_erased_at__isnull=True).count() == 4


def test_erased_registrations_free_their_email_and_links(client, events):
    old, _recent = events
    kept = Registration.objects.get(event=old, status=Registration.Status.CONFIRMED)
    token = kept.token
    with time_machine.travel(paris(2031, 1, 1), tick=False):
        run()
    assert client.get(f"{old.url}inscription/{token}/").status_code == 404
    # Two blanked rows of one event do not collide on the e-mail constraint.
    assert Registration.objects.filter(event=old, email="").count() == 2


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (paris(2030, 8, 31, 12), 6, paris(2030, 2, 28, 12)),
        (paris(2030, 1, 15), 1, paris(2029, 12, 15)),
        (paris(2030, 3, 31), 13, paris(2029, 2, 28)),
        (paris(2030, 12, 1), 0, paris(2030, 12, 1)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected
