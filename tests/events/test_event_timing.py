"""Where a colloquium stands in time, by calendar day in Paris.

An event running today is current: listed with the upcoming ones, never lost
between "upcoming" and "past", even around midnight when Paris and UTC are not
on the same day.
"""

import pytest
from django.test import RequestFactory

from events.models import EventPage
from tests.factories import EventIndexPageFactory, EventPageFactory, paris

# 15 June 2026, 10:00 in Paris (08:00 UTC, summer time).
MORNING = paris(2026, 6, 15, 10)
# 15 June 2026, 00:15 in Paris: still 14 June in UTC.
JUST_AFTER_MIDNIGHT = paris(2026, 6, 15, 0, 15)
# 15 June 2026, 23:45 in Paris: already 15 June, 21:45 UTC.
LATE_EVENING = paris(2026, 6, 15, 23, 45)

EXPECTED_TIMING = {
    "Colloque 2024 (mars)": "past",
    "Colloque 2024 (novembre)": "past",
    "Colloque 2025": "past",
    "Journée d'hier": "past",
    "Journée d'aujourd'hui": "current",
    "Colloque sur trois jours": "current",
    "Soirée finissant à 00h30": "current",
    "Journée de demain": "upcoming",
    "Colloque de septembre": "upcoming",
}


@pytest.fixture
def events(db):
    index = EventIndexPageFactory()

    def event(title, start, end):
        return EventPageFactory(parent=index, title=title, start=start, end=end)

    return {
        page.title: page
        for page in [
            event("Colloque 2024 (mars)", paris(2024, 3, 1, 9), paris(2024, 3, 1, 17)),
            event("Colloque 2024 (novembre)", paris(2024, 11, 20, 9), paris(2024, 11, 20, 17)),
            event("Colloque 2025", paris(2025, 6, 14, 9), paris(2025, 6, 14, 16, 30)),
            event("Journée d'hier", paris(2026, 6, 14, 9), paris(2026, 6, 14, 17)),
            event("Journée d'aujourd'hui", paris(2026, 6, 15, 9), paris(2026, 6, 15, 16, 30)),
            event("Colloque sur trois jours", paris(2026, 6, 14, 9), paris(2026, 6, 16, 17)),
            # Ends at 00:30 in Paris: 22:30 UTC the day before.
            event("Soirée finissant à 00h30", paris(2026, 6, 14, 20), paris(2026, 6, 15, 0, 30)),
            event("Journée de demain", paris(2026, 6, 16, 9), paris(2026, 6, 16, 17)),
            event("Colloque de septembre", paris(2026, 9, 1, 9), paris(2026, 9, 1, 17)),
        ]
    }


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def expected(*timings):
    return {title for title, timing in EXPECTED_TIMING.items() if timing in timings}


@pytest.mark.parametrize(
    "now", [MORNING, JUST_AFTER_MIDNIGHT, LATE_EVENING], ids=["10h", "00h15", "23h45"]
)
def test_querysets_split_events_by_paris_day(events, time_machine, now):
    time_machine.move_to(now, tick=False)
    pages = EventPage.objects.all()

    assert titles(pages.past()) == expected("past")
    assert titles(pages.current()) == expected("current")
    assert titles(pages.upcoming()) == expected("upcoming")
    assert titles(pages.current_or_upcoming()) == expected("current", "upcoming")


@pytest.mark.parametrize(
    "now", [MORNING, JUST_AFTER_MIDNIGHT, LATE_EVENING], ids=["10h", "00h15", "23h45"]
)
def test_timing_of_each_event(events, time_machine, now):
    time_machine.move_to(now, tick=False)

    assert {title: page.timing() for title, page in events.items()} == EXPECTED_TIMING


def test_every_event_is_in_exactly_one_group(events, time_machine):
    time_machine.move_to(JUST_AFTER_MIDNIGHT, tick=False)
    pages = EventPage.objects.all()
    groups = [titles(pages.past()), titles(pages.current()), titles(pages.upcoming())]

    assert set().union(*groups) == set(events)
    assert sum(len(group) for group in groups) == len(events)


def test_event_in_winter_time_around_midnight(db, time_machine):
    # 10 January, 00:30 in Paris is 9 January, 23:30 UTC (UTC+1 in winter).
    event = EventPageFactory(
        title="Nuit de janvier", start=paris(2027, 1, 9, 20), end=paris(2027, 1, 10, 0, 30)
    )
    time_machine.move_to(paris(2027, 1, 10, 0, 45), tick=False)

    assert event.timing() == "current"
    assert titles(EventPage.objects.current()) == {"Nuit de janvier"}

    time_machine.move_to(paris(2027, 1, 11, 0, 15), tick=False)
    assert event.timing() == "past"
    assert titles(EventPage.objects.past()) == {"Nuit de janvier"}


def index_context(events):
    index = EventPage.objects.get(title="Colloque 2025").get_parent().specific
    return index, index.get_context(RequestFactory().get(index.url))


@pytest.mark.parametrize("now", [MORNING, JUST_AFTER_MIDNIGHT], ids=["10h", "00h15"])
def test_index_lists_current_events_with_upcoming_ones(events, time_machine, now):
    time_machine.move_to(now, tick=False)
    _index, context = index_context(events)

    assert [e.title for e in context["upcoming_events"]] == [
        # In order of their start.
        "Colloque sur trois jours",
        "Soirée finissant à 00h30",
        "Journée d'aujourd'hui",
        "Journée de demain",
        "Colloque de septembre",
    ]


def test_index_archive_is_grouped_by_year_newest_first(events, time_machine):
    time_machine.move_to(MORNING, tick=False)
    _index, context = index_context(events)

    archive = [(year, [e.title for e in group]) for year, group in context["past_events_by_year"]]
    assert archive == [
        (2026, ["Journée d'hier"]),
        (2025, ["Colloque 2025"]),
        (2024, ["Colloque 2024 (novembre)", "Colloque 2024 (mars)"]),
    ]


def test_index_page_shows_current_events_before_the_archive(events, time_machine, client):
    time_machine.move_to(JUST_AFTER_MIDNIGHT, tick=False)
    index, _context = index_context(events)

    html = client.get(index.url).content.decode()

    positions = {title: html.find(title.replace("'", "&#x27;")) for title in EXPECTED_TIMING}
    assert all(position >= 0 for position in positions.values()), positions
    shown_first = [positions[t] for t in expected("current", "upcoming")]
    archive = [positions[t] for t in expected("past")]
    assert max(shown_first) < min(archive)
    assert (
        positions["Journée d'hier"]
        < positions["Colloque 2025"]
        < positions["Colloque 2024 (novembre)"]
        < positions["Colloque 2024 (mars)"]
    )


def test_home_page_announces_the_event_running_today(events, time_machine):
    time_machine.move_to(JUST_AFTER_MIDNIGHT, tick=False)
    home = EventPage.objects.get(title="Colloque 2025").get_parent().get_parent().specific

    context = home.get_context(RequestFactory().get("/"))

    assert context["next_event"].title == "Colloque sur trois jours"
    assert context["latest_event"].title == "Journée d'hier"
