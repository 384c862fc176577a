"""The page's <title> and meta description (core/metadata.py), for templates/base.html."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from core.metadata import full_title, meta_description
from core.models import SiteSettings

register = template.Library()


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def page_title(context):
    """The page's part of the <title>: its SEO title or title; nothing for the site's
    home page without an SEO title, whose tab then reads the site's name alone."""
    page = _page(context)
    if page is None:
        return ""
    if page.seo_title:
        return page.seo_title
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is not None and site.root_page_id == page.pk:
        return ""
    return page.title


@register.filter
def with_site_name(title, site_name):
    """``{% filter with_site_name:name %}…{% endfilter %}``: "Page – ANDELIS", never
    "ANDELIS – ANDELIS". ``title`` is the already escaped output of a block."""
    return mark_safe(full_title(str(title), str(conditional_escape(site_name or ""))))  # noqa: S308


@register.simple_tag(takes_context=True)
def page_description(context):
    """The text of the page's meta description (escaped by the template)."""
    request = context.get("request")
    site_settings = SiteSettings.load(request_or_site=request) if request is not None else None
    return meta_description(_page(context), site_settings)
