"""A colloquium's page costs the same number of queries with 2 or 20 of everything."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from events.models import EventPartner
from registrations.models import Registration
from tests.factories import (
    ArgumentPageFactory,
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventImageFactory,
    EventPageFactory,
    EventPartnerFactory,
    EventSpeakerFactory,
    PersonFactory,
    PressArticleFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
)

# Rendered without any fragment (the tests' dummy fragment cache): 16 for the event page
# (the talks its programme links to included), plus one for its comment section, plus
# one for the seats left while registration is open (docs/event-page-queries.md).
MAX_QUERIES = 18
# The proceedings page: 12 queries, plus one for its comment section.
MAX_PROCEEDINGS_QUERIES = 13
ROLES = list(EventPartner.Role)


def build_event(size):
    # Registration open with a seat limit: the page counts the seats left.
    event = EventPageFactory(
        title=f"Colloque à {size}",
        poster=ColloquiumDocumentFactory(),
        registration_open=True,
        registration_capacity=100,
    )
    people = PersonFactory.create_batch(size)
    ArgumentPageFactory(parent=event)
    proceedings = ProceedingsPageFactory(parent=event)
    for number, person in enumerate(people):
        EventSpeakerFactory(page=event, person=person)
        item = ProgrammeItemFactory(page=event, speakers=[person, people[number - 1]])
        # Each talk of the programme has its page in the proceedings.
        ContributionFactory(page=proceedings, title=item.title, speakers=[person])
        EventPartnerFactory(page=event, role=ROLES[number % len(ROLES)])
        EventImageFactory(page=event)
    add_comments(event, size)
    for number in range(size):
        Registration.objects.create(event=event, name=f"P{number}", email=f"p{number}@example.org")
    return event


def add_comments(page, size):
    """``size`` published comments, each with the association's reply, and as many waiting."""
    for number in range(size):
        for status in (Comment.Status.APPROVED, Comment.Status.PENDING):
            Comment.objects.create(
                page=page,
                author_name=f"Visiteur {number}",
                email=f"visiteur{number}@example.org",
                text=f"Commentaire {number}",
                status=status,
                reply=f"Réponse {number}",
            )


def build_proceedings(size):
    proceedings = ProceedingsPageFactory(title=f"Traces à {size}")
    for _ in range(size):
        ContributionFactory(page=proceedings, speakers=PersonFactory.create_batch(2))
    PressArticleFactory(page=proceedings)
    add_comments(proceedings, size)
    return proceedings


def count_queries(client, page):
    # The first visit writes the image renditions; count a visitor's ordinary visit.
    assert client.get(page.url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries), [query["sql"] for query in queries.captured_queries], response


def describe(sqls):
    return "\n".join(f"{n:3}. {short(sql)}" for n, sql in enumerate(sqls, 1))


@pytest.mark.django_db
def test_event_page_queries_do_not_grow_with_its_content(client):
    small, large = build_event(2), build_event(20)

    small_count, small_sqls, _ = count_queries(client, small)
    large_count, large_sqls, response = count_queries(client, large)

    # The large page really shows its twenty of everything.
    html = response.content.decode()
    assert html.count('class="person"') == 20
    assert html.count('class="partner"') == 20
    assert html.count("<figure") == 20
    assert "Il reste 80 places" in html
    assert html.count('<li class="comment"') == 20
    # Each programme item names its own two speakers, in alphabetical order.
    expected = [
        ", ".join(person.name for person in item.speakers.order_by("name"))
        for item in large.programme_items.order_by("sort_order")
    ]
    assert re.findall(r'<p class="programme__speakers">(.*?)</p>', html) == expected
    assert html.count('<p class="programme__title"><a href="/colloques/') == 20
    assert large_count == small_count, (
        f"2 items: {small_count} queries, 20 items: {large_count} queries\n"
        f"--- 2 items ---\n{describe(small_sqls)}\n--- 20 items ---\n{describe(large_sqls)}"
    )
    assert large_count <= MAX_QUERIES, describe(large_sqls)


@pytest.mark.django_db
def test_proceedings_page_queries_do_not_grow_with_contributions(client):
    small, large = build_proceedings(2), build_proceedings(20)

    small_count, small_sqls, _ = count_queries(client, small)
    large_count, large_sqls, response = count_queries(client, large)

    assert response.content.decode().count("Contribution ") >= 20
    assert response.content.decode().count('<li class="comment"') == 20
    assert large_count == small_count, (
        f"2 contributions: {small_count} queries, 20: {large_count} queries\n"
        f"--- 2 ---\n{describe(small_sqls)}\n--- 20 ---\n{describe(large_sqls)}"
    )
    assert large_count <= MAX_PROCEEDINGS_QUERIES, describe(large_sqls)


def short(sql):
    # Keep FROM … WHERE: which table and which rows, not the column list.
    return re.sub(r"SELECT .*? FROM", "SELECT … FROM", sql, count=1, flags=re.S)[:400]
