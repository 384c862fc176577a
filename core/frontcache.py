"""Purge the front cache (Varnish) when what a page shows changes.

Wagtail's frontend-cache app (``wagtail.contrib.frontend_cache``) purges a page when it is
published or unpublished. This module adds what a visitor would otherwise see stale:

* the pages that show a page: its ancestors (the event index and the home page list
  events), its descendants (their breadcrumbs carry its title), and every page when it is
  the home page, a menu entry or the legal notice linked from every footer;
* a move or a slug change: the old addresses and the new ones;
* ``core.signals.pages_changed``, sent by the app that owns a venue, a person, a document,
  a comment or a seat when what some pages show changes: ``purge_changed_pages`` below is
  its one receiver for the front cache.

Purges leave once the transaction has committed, so that Varnish cannot fetch the old
content again between the purge and the commit. Without ``WAGTAILFRONTENDCACHE``
(``VARNISH_URL`` unset) nothing is sent. See docs/front-cache.md.
"""

import copy
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.signals import pages_changed

logger = logging.getLogger(__name__)


def is_enabled():
    """True when a front cache is configured (``WAGTAILFRONTENDCACHE``)."""
    return bool(get_backends())


def _after_commit(batch):
    if batch.urls:
        # robust: a cache that cannot be reached is logged, never an error for the editor.
        transaction.on_commit(batch.purge, robust=True)


def purge_pages(pages):
    """Purge these pages' URLs (each with its ``get_cached_paths()``) after the commit."""
    if not is_enabled():
        return
    batch = PurgeBatch()
    batch.add_pages(page for page in pages if page is not None)
    _after_commit(batch)


def purge_paths(paths):
    """Purge site paths that are not pages (feeds, calendars, the sitemap) after the commit."""
    if not is_enabled():
        return
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    _after_commit(PurgeBatch(site.root_url + path for path in paths))


def _purge_old_addresses(page, url_path_before, url_path_after):
    """After a move or a slug change, the addresses the page and its descendants had."""
    if not is_enabled() or url_path_before == url_path_after:
        return
    batch = PurgeBatch()
    for moved in [page, *page.get_descendants().live()]:
        before = copy.copy(moved)
        before.url_path = url_path_before + moved.url_path[len(url_path_after) :]
        batch.add_page(before)
    _after_commit(batch)


def live_site_pages():
    """Every live page under the site roots: what changes on every page (the footer)."""
    return Page.objects.live().filter(depth__gt=1)


def shows_everywhere(page):
    """The home page, a menu entry (its title is in every page's navigation) and the
    footer's pages (legal notice, privacy, accessibility, contact) are part of every page."""
    from core.models import SiteSettings

    for root in Site.get_site_root_paths():
        # Below the root: "" for the home page, "colloques/" for a page just under it.
        below = page.url_path[len(root.root_path) :]
        if page.url_path.startswith(root.root_path) and below.count("/") <= 1:
            return True
    # Not SiteSettings.load(): it would create the settings, and saving them purges all.
    footer_ids = SiteSettings.objects.values_list(
        *(f"{name}_id" for name in SiteSettings.FOOTER_PAGE_FIELDS)
    )
    return any(page.pk in ids for ids in footer_ids)


def pages_showing(page):
    """The live pages other than ``page`` that show something of it."""
    if shows_everywhere(page):
        return list(live_site_pages().exclude(pk=page.pk))
    return list(
        Page.objects.live()
        .filter(depth__gt=1)
        .filter(
            Q(path__in=_ancestor_paths([page]))
            | Q(path__startswith=page.path, depth__gt=page.depth)
        )
    )


def _ancestor_paths(pages):
    return {
        page.path[:end]
        for page in pages
        for end in range(Page.steplen * 2, len(page.path), Page.steplen)
    }


def with_ancestors(pages):
    """These pages and the live pages above them (listings showing them in a card)."""
    pages = [page for page in pages if page is not None]
    paths = _ancestor_paths(pages)
    return pages + (list(Page.objects.live().filter(path__in=paths)) if paths else [])


def pages_referencing(obj):
    """Live pages that refer to ``obj`` (a field, a chooser, a link in rich text), as
    recorded by Wagtail's reference index. The index follows foreign keys, including those
    of a page's inline children, but not many-to-many fields: the app that owns those
    relations adds them itself."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids]))


# Receivers ------------------------------------------------------------------------------


def purge_changed_pages(sender, pages, **kwargs):
    """The receiver of ``core.signals.pages_changed`` for the front cache."""
    purge_pages(pages)


def _page_shown_elsewhere(page):
    pages_changed.send(sender=type(page), pages=pages_showing(page))
    # Wagtail purges the page itself as soon as it is published; once more after the
    # commit, in case a visitor's request fetched the old version in between.
    purge_pages([page])
    purge_paths([reverse("sitemap")])


def on_page_published(sender, instance, **kwargs):
    _page_shown_elsewhere(instance)


def on_page_unpublished(sender, instance, **kwargs):
    # Also sent by Wagtail for each live page being deleted.
    _page_shown_elsewhere(instance)


def on_page_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    _purge_old_addresses(instance, url_path_before, url_path_after)
    if not instance.live:
        return
    pages = pages_showing(instance)
    pages += with_ancestors([parent_page_before])
    pages_changed.send(sender=type(instance), pages=pages)
    purge_pages([instance, *instance.get_descendants().live()])
    purge_paths([reverse("sitemap")])


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    _purge_old_addresses(instance, instance_before.url_path, instance.url_path)


def connect():
    pages_changed.connect(purge_changed_pages, dispatch_uid="core.frontcache.purge")
    page_published.connect(on_page_published, dispatch_uid="core.frontcache.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="core.frontcache.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="core.frontcache.moved")
    page_slug_changed.connect(on_page_slug_changed, dispatch_uid="core.frontcache.slug")
