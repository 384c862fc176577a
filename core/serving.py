"""Serving a page: Wagtail's ``serve`` view, with where an address leads kept in the cache.

On each visit, Wagtail's view reads the Site of the host, the site's home page and the
page asked for: three queries, before the page renders from its fragments. Here, a
GET or HEAD whose address and page are kept in the fragment cache (core/fragments.py:
``stored_page``, under the site's and the page's tokens, which the changes that would
make them wrong replace) is served with no query; any other request goes through
Wagtail's own view, and an exact page address it finds is kept for the next visit.
The hooks Wagtail runs around a page's ``serve()`` (``on_serve_page``, which checks
view restrictions, and ``before_serve_page``) run on both paths. docs/performance.md.
"""

from django.http import HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core.fragments import store_page, stored_page


def serve(request, path):
    if request.method not in ("GET", "HEAD"):
        return wagtail_views.serve(request, path)
    stored = stored_page(request, path)
    if stored.page is None:
        # Route here (the result is kept on the request, Wagtail's view reuses it).
        route = Page.route_for_request(request, path)
        if route is not None and _is_exact_address(request, path, route):
            store_page(request, path, route[0], stored)
        return wagtail_views.serve(request, path)
    page, args, kwargs = stored.page.route(request, [])
    return _serve_with_hooks(page, request, args, kwargs)


def _is_exact_address(request, path, route):
    """Whether ``path`` is the page's own address (not a sub-page route under it)."""
    site = Site.find_for_request(request)  # already read by the route, kept on the request
    return site is not None and route[0].url_path == site.root_page.url_path + path


def _serve_with_hooks(page, request, args, kwargs):
    """What Wagtail's view does once it has the page: the same hooks, in the same order."""

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        serve_chain = wrap(serve_chain)
    for before in hooks.get_hooks("before_serve_page"):
        result = before(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return serve_chain(page, request, args, kwargs)
