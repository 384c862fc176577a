"""OpenGraph tags for every page, from what the page and the request already hold."""

from django import template
from wagtail.models import Page

from core.models import SiteSettings

register = template.Library()


@register.inclusion_tag("components/opengraph.html", takes_context=True)
def opengraph_tags(
    context, title=None, image_url=None, og_type="website", url=None, description=None
):
    """og:title, og:url, og:description… A Wagtail page gives its own; another view, or a
    page's sub-page (a talk), passes ``title`` and may pass its own ``url`` (then also its
    canonical address) and ``description``. ``image_url`` may be relative: it is made
    absolute here."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    site_settings = SiteSettings.load(request_or_site=request) if request is not None else None
    site_name = site_settings.association_name if site_settings else "ANDELIS"
    if page is not None and url is None:
        title = title or page.seo_title or page.title
        description = description or page.search_description or getattr(page, "listing_summary", "")
        url = page.get_full_url(request)
    elif url is None:
        url = request.build_absolute_uri(request.path) if request is not None else ""
    if url is not None:
        url = request.build_absolute_uri(url) if request is not None else url
    if not description and site_settings:
        description = site_settings.tagline
    if image_url and request is not None:
        image_url = request.build_absolute_uri(image_url)
    return {
        "og_title": title or site_name,
        "og_description": description,
        "og_url": url,
        "og_type": og_type,
        "og_image": image_url,
        "og_site_name": site_name,
        "canonical": page is not None,
    }
