import re

from django import template
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.models import SiteSettings

register = template.Library()

KILO = 1024


@register.filter
def french_filesize(size):
    """Size the way the association's pages always showed it: "167,22 Ko", "1,66 Mo"."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < KILO:
        return f"{size} octet" if size < 2 else f"{size} octets"
    # Rounded, not truncated (number_format alone cuts 167.2197 to "167,21"),
    # and a size that rounds up to 1024 of a unit is shown in the next unit.
    value = size / KILO
    for unit in ("Ko", "Mo"):
        if round(value, 2) < KILO:
            return f"{number_format(round(value, 2), 2, use_l10n=True)}\u00a0{unit}"
        value /= KILO
    return f"{number_format(round(value, 2), 2, use_l10n=True)}\u00a0Go"


@register.filter
def document_label(document):
    """'PDF – 167,22 Ko' for a document, as shown next to every download link."""
    if document is None:
        return ""
    parts = [document.file_format or document.file_extension.upper()]
    size = french_filesize(document.file_size)
    if size:
        parts.append(size)
    return " – ".join(p for p in parts if p)


@register.filter
def page_kind(page):
    """What a page is, for a visitor: "Traces du colloque", "Argumentaire"."""
    return capfirst(page._meta.verbose_name) if page is not None else ""


def _site_pages(context):
    """The home page, its menu children and the page's ancestors, from one query.

    Both the navigation and the breadcrumbs need them; the result is kept on
    the request so the page costs one query for the two.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    cached = getattr(request, "_andelis_site_pages", None)
    if cached is not None and cached[0] is page:
        return cached[1]
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    home = site.root_page
    inside_site = page is not None and page.path.startswith(home.path)
    ancestor_paths = []
    if inside_site:
        ancestor_paths = [
            page.path[:end]
            for end in range(len(home.path) + Page.steplen, len(page.path), Page.steplen)
        ]
    site_settings = SiteSettings.load(request_or_site=request)
    legal_notice_id = site_settings.legal_notice_page_id
    footer_ids = [getattr(site_settings, f"{name}_id") for name in SiteSettings.FOOTER_PAGE_FIELDS]
    pages = list(
        Page.objects.live()
        .filter(
            Q(depth=home.depth + 1, path__startswith=home.path, show_in_menus=True)
            | Q(path__in=ancestor_paths)
            | Q(pk__in=[pk for pk in footer_ids if pk is not None])
        )
        .order_by("path")
    )
    by_id = {p.pk: p for p in pages}
    ancestors = []
    if inside_site and page.pk != home.pk:
        ancestors = [home] + [p for p in pages if p.path in ancestor_paths]
    result = {
        "home": home,
        "menu": [p for p in pages if p.depth == home.depth + 1 and p.show_in_menus],
        "ancestors": ancestors,
        "current_path": page.path if page is not None else "",
        "legal_notice": by_id.get(legal_notice_id),
        # In the settings' order, each page once, unpublished ones left out.
        "footer": [by_id[pk] for pk in dict.fromkeys(footer_ids) if pk in by_id],
    }
    if request is not None:
        request._andelis_site_pages = (page, result)
    return result


@register.inclusion_tag("components/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """Home and the home page's live children shown in menus, the current one marked."""
    pages = _site_pages(context)
    if pages is None:
        return {"home": None, "items": []}
    current_path = pages["current_path"]
    return {
        "home": pages["home"],
        "home_is_current": current_path == pages["home"].path,
        "items": [(item, _aria_current(item.path, current_path)) for item in pages["menu"]],
        "request": context.get("request"),
    }


def _aria_current(item_path, current_path):
    if current_path == item_path:
        return "page"
    if current_path.startswith(item_path):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def legal_notice_page(context):
    """The legal notice page chosen in the site settings, if published."""
    pages = _site_pages(context)
    return pages["legal_notice"] if pages else None


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The legal notice, privacy, accessibility and contact pages chosen in the site
    settings, in that order, the unpublished ones left out."""
    pages = _site_pages(context)
    return pages["footer"] if pages else []


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Where the page sits under the home page; nothing on the home page itself."""
    pages = _site_pages(context)
    if not pages or not pages["ancestors"]:
        return {"ancestors": []}
    return {
        "ancestors": pages["ancestors"],
        "page": context.get("page"),
        # A page's own sub-page (an event's registration form): the page becomes
        # a link and the sub-page's title is the current step.
        "subpage_title": context.get("subpage_title"),
        "request": context.get("request"),
    }


@register.filter
def status_badges(event):
    """The labels an event's card shows: ("cancelled", "Annulé"), ("current", "En cours")…"""
    badges = []
    if event.is_cancelled:
        badges.append(("cancelled", _("Annulé")))
    elif event.is_postponed:
        badges.append(("postponed", _("Reporté")))
    if event.timing() == "current" and not event.is_cancelled:
        badges.append(("current", _("En cours")))
    return badges


@register.inclusion_tag("components/theme_link.html", takes_context=True)
def theme_stylesheet_link(context):
    """The stylesheet of the colour chosen in the site settings, if one is (core/theme.py)."""
    request = context.get("request")
    site_settings = SiteSettings.load(request_or_site=request) if request is not None else None
    theme = site_settings.theme_colours if site_settings is not None else None
    return {"version": theme["brand"].lstrip("#") if theme else ""}


SMALL_WORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "en", "pour", "à", "au", "aux"}


@register.filter
def initials(name):
    """ "IMF" for "Institut méditerranéen de formation": a partner without a logo gets a
    tile with its initials, or its acronym when its name starts with one."""
    words = [word for word in re.split(r"[\s'’()\-]+", name or "") if word]
    if not words:
        return ""
    if words[0].isupper() and len(words[0]) <= 7:
        return words[0]
    if len(words) == 1:
        return words[0][0].upper()
    significant = [word for word in words if word.lower() not in SMALL_WORDS] or words
    return "".join(word[0].upper() for word in significant[:3])
