"""Serving a page whose address the cache already knows, without Wagtail's Site lookup.

Wagtail's ``serve`` view finds the ``Site`` of the request (a query), its root page's
specific object (another), then lets the root route the address; the home page's
``route()`` reads the page with one more (docs/performance.md). Once an address has been
routed, ``core.fragments.find_page`` keeps its answer in the cache under the site's token,
keyed on the host, port and path. ``core.views.serve`` reads that answer first and goes
straight to the page: one query instead of three. An address the cache does not know
(first visit after a change, sub-page routes, unknown addresses, the home page itself)
is served by Wagtail's own view, unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page


def load_page(found, facts):
    """The specific page of a routing answer (id, depth, content type), read with what
    every visit shows (``BasePage.routing_queryset()``), or None if it is gone."""
    from core.models import BasePage

    if found is None:
        return None
    page_id, _depth, content_type_id = found
    page_class = ContentType.objects.get_for_id(content_type_id).model_class()
    if page_class is None or not issubclass(page_class, BasePage):
        page = Page.objects.filter(pk=page_id).first()
        return page.specific if page is not None else None
    # get(), not first(): no ORDER BY to build for a single row.
    try:
        page = page_class.routing_queryset().get(pk=page_id)
    except page_class.DoesNotExist:
        return None
    # Read with the address: the visit's view restriction check needs no more.
    page.view_restriction_facts = facts
    return page
