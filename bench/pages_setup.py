"""``python -m bench.pages_setup``: after the demo content, the pages ``make bench-pages``
measures. Adds one colloquium per size in ``--sizes`` with that many programme items
(talks, each with its speaker), speakers and partners, and prints the addresses as JSON.

Run by bench/pages.py with the benchmark's settings (DJANGO_SETTINGS_MODULE).
"""

import argparse
import datetime
import json
import sys


def scaled_event(index, venue, size):
    from django.utils import timezone

    from events.models import EventPage, EventPartner, EventSpeaker, Partner, Person, ProgrammeItem

    slug = f"colloque-de-mesure-{size}"
    existing = EventPage.objects.child_of(index).filter(slug=slug).first()
    if existing is not None:
        return existing
    start = timezone.make_aware(datetime.datetime(2031, 5, 1 + size % 28, 9, 0))
    event = EventPage(
        title=f"Colloque de mesure à {size}",
        slug=slug,
        subtitle="Une journée pour mesurer la page d'un colloque",
        start=start,
        end=start + datetime.timedelta(hours=8),
        venue=venue,
        introduction="<p>Une page générée pour le banc d'essai des pages.</p>",
    )
    index.add_child(instance=event)
    for number in range(size):
        person = Person.objects.create(
            name=f"Intervenante {size}-{number:02d}",
            affiliation="Institut de mesure",
            biography="<p>Chercheuse en travail social.</p>",
        )
        partner = Partner.objects.create(
            name=f"Partenaire {size}-{number:02d}",
            description="<p>Un partenaire du colloque.</p>",
            website="https://example.org/",
        )
        EventSpeaker.objects.create(page=event, person=person, sort_order=number)
        EventPartner.objects.create(
            page=event,
            partner=partner,
            role=list(EventPartner.Role)[number % len(EventPartner.Role)],
            sort_order=number,
        )
        item = ProgrammeItem.objects.create(
            page=event,
            sort_order=number,
            start_time=datetime.time(9 + number // 4, (number % 4) * 15),
            kind=ProgrammeItem.Kind.TALK,
            title=f"Intervention {number + 1} : l'ingénierie sociale en pratique",
            description="Une intervention suivie d'échanges avec la salle.",
        )
        item.speakers.set([person])
        item.save()
    event.save_revision().publish()
    return event


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.pages_setup")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 20])
    args = parser.parse_args(argv)

    import django

    django.setup()
    from events.models import EventIndexPage, EventPage
    from publications.models import ArgumentPage, ProceedingsPage

    demo_event = EventPage.objects.live().filter(start__year=2017).order_by("start").first()
    if demo_event is None:
        sys.exit("The 2017 colloquium is missing: run `manage.py load_demo_content` first.")
    index = EventIndexPage.objects.get()
    urls = {
        "home": demo_event.get_site().root_page.url,
        "event": demo_event.url,
        "argument": ArgumentPage.objects.child_of(demo_event).live().get().url,
        "proceedings": ProceedingsPage.objects.child_of(demo_event).live().get().url,
        "sizes": {
            str(size): scaled_event(index, demo_event.venue, size).url for size in args.sizes
        },
    }
    print(json.dumps(urls))


if __name__ == "__main__":
    main()
