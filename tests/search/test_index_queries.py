"""Building the index (`update_index`) does not run a query per programme item or talk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from events.models import EventPage
from publications.models import ProceedingsPage
from tests.factories import (
    ContributionFactory,
    EventPageFactory,
    PersonFactory,
    ProceedingsPageFactory,
    ProgrammeItemFactory,
)

pytestmark = pytest.mark.django_db


def indexing_queries(model):
    """Queries to read every indexed object of ``model`` and write its index entries."""
    with CaptureQueriesContext(connection) as queries:
        get_search_backend().add_bulk(model, list(model.get_indexed_objects()))
    return len(queries)


def colloquia(talks_each):
    for number in range(2):
        event = EventPageFactory(title=f"Colloque {number}", slug=f"colloque-{talks_each}-{number}")
        proceedings = ProceedingsPageFactory(parent=event)
        for talk in range(talks_each):
            speakers = [PersonFactory(), PersonFactory()]
            ProgrammeItemFactory(page=event, sort_order=talk, speakers=speakers)
            ContributionFactory(page=proceedings, sort_order=talk, speakers=speakers)


@pytest.mark.parametrize("model", [EventPage, ProceedingsPage])
def test_indexing_cost_does_not_grow_with_the_programme(model):
    colloquia(talks_each=2)
    few = indexing_queries(model)
    colloquia(talks_each=8)
    assert indexing_queries(model) == few
