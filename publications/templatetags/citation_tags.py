"""The citation metadata and the formatted reference of a talk's page, from its record
(``publications.records.TalkRecord``; publications/citations.py)."""

from django import template
from django.utils.html import format_html, format_html_join

from events.templatetags.event_metadata import json_ld_script
from publications import citations

register = template.Library()


@register.simple_tag
def citation_meta_tags(record):
    """Highwire Press ``<meta name="citation_…">`` tags, for Google Scholar and Zotero."""
    return format_html_join("\n", '<meta name="{}" content="{}">', citations.highwire_tags(record))


@register.simple_tag
def citation_json_ld(record):
    """The talk as schema.org JSON-LD."""
    return json_ld_script(citations.json_ld(record))


@register.simple_tag
def formatted_citation(record):
    """The reference in ISO 690 (author-date, French), as HTML."""
    return format_html("{}", citations.formatted_citation(record))
