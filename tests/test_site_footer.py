"""The legal notice chosen in the site settings is linked from every page's footer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import SiteSettings
from tests.factories import EventPageFactory, StandardPageFactory


def visit(client, page):
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_legal_notice_is_linked_from_the_footer_at_no_extra_query(client):
    event = EventPageFactory()
    legal = StandardPageFactory(title="Mentions légales", slug="mentions-legales")
    without_count, html = visit(client, event)
    assert "Mentions légales" not in html

    settings = SiteSettings.load()
    settings.legal_notice_page = legal
    settings.save()
    with_count, html = visit(client, event)

    footer = html[html.index('<footer class="site-footer">') :]
    assert f'<a href="{legal.url}">Mentions légales</a>' in footer
    assert with_count == without_count


@pytest.mark.django_db
def test_an_unpublished_legal_notice_is_not_linked(client):
    legal = StandardPageFactory(title="Mentions légales", slug="mentions-legales")
    settings = SiteSettings.load()
    settings.legal_notice_page = legal
    settings.save()
    legal.unpublish()

    html = client.get("/").content.decode()

    assert "Mentions légales" not in html
