"""The view that serves the site's pages (andelis/urls.py)."""

from django.http import HttpResponse
from wagtail import hooks
from wagtail import views as wagtail_views

from core.fragments import known_page
from core.routing import load_page


def serve(request, path):
    """Wagtail's ``serve`` view, starting from the cached answer for this address."""
    path_components = [component for component in path.split("/") if component]
    known = known_page(request, path_components) if path_components else None
    page = load_page(*known) if known is not None else None
    if page is None:
        return wagtail_views.serve(request, path)
    # The page answers its own address (or raises Http404 if it is no longer live).
    page, args, kwargs = page.route(request, [])
    # What Wagtail's view does once it has the route, with the same hooks.
    on_serve_chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
