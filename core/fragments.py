"""Fragment caching: rendered pieces of public pages, kept in Django's cache.

A fragment (``{% fragment "name" %}…{% endfragment %}``, core/templatetags/fragment_cache.py)
is stored under a key made of what it shows (docs/performance.md):

* the page: its id, live revision and publication time (republishing changes the key);
* the page's token, replaced when ``core.signals.pages_changed`` names the page (a venue,
  a person, a document, a comment or a seat that the page shows has changed);
* the site's token, replaced when any page is published, unpublished, moved or deleted,
  when a view restriction changes, and when the site settings or a Site change: menus,
  breadcrumbs, listings and links show other pages than the page itself;
* the address asked for (host, scheme, path), today's date in Paris (what is "upcoming"
  or "current" changes at midnight) and the values a template adds (``vary``).

A token is a random string kept in the cache with no expiry: replacing it makes every
fragment stored under the old one unreachable (they expire on their own). If a token is
evicted, a new one is drawn, which also only ever drops fragments.

Nothing per visitor goes into a fragment: templates keep the user bar, messages and form
state outside them, and the tag renders without the cache for previews, for the pages of a
self-contained copy (archive/) and for anything but GET and HEAD.
"""

import pickle
import uuid
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

SITE_TOKEN = "andelis:fragments:site"  # noqa: S105 (a cache key, not a secret)
PAGE_TOKEN = "andelis:fragments:page:{}"  # noqa: S105
# Memo of the tokens read for this request (one cache round trip for all fragments).
REQUEST_MEMO = "andelis_fragment_tokens"


def fragment_cache():
    return caches[settings.ANDELIS_FRAGMENT_CACHE]


def fragment_timeout():
    return settings.ANDELIS_FRAGMENT_CACHE_SECONDS


def _new_token():
    return uuid.uuid4().hex


def _read_tokens(cache, keys):
    """The tokens under ``keys``, drawing (and storing) a new one where none is kept."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = _new_token()
            # Another process may draw one at the same time: the first one stored wins.
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
            found[key] = token
    return found


def tokens_for(request, page):
    """(site token, page token) for ``page``, read once per request."""
    memo = getattr(request, REQUEST_MEMO, None)
    if memo is None:
        memo = {}
        setattr(request, REQUEST_MEMO, memo)
    if page.pk not in memo:
        page_key = PAGE_TOKEN.format(page.pk)
        found = _read_tokens(fragment_cache(), [SITE_TOKEN, page_key])
        memo[page.pk] = (found[SITE_TOKEN], found[page_key])
    return memo[page.pk]


def fragment_key(context, name, vary=()):
    """The cache key of fragment ``name`` in this template context, or None: render it
    without the cache (a preview, a form sent back with its errors, no page)."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk:
        return None
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    # A page rendered for a self-contained copy (archive/) leaves out the forms and the
    # search box: it must neither read nor fill the fragments visitors get.
    if getattr(request, "is_export", False):
        return None
    site_token, page_token = tokens_for(request, page)
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    parts = [
        site_token,
        page.pk,
        page.live_revision_id,
        published,
        page_token,
        request.scheme,
        request.get_host(),
        request.path,
        timezone.localdate().isoformat(),
        *vary,
    ]
    return make_template_fragment_key(f"andelis.{name}", parts)


# --- Which pages are private ----------------------------------------------------------

RESTRICTED = "andelis:fragments:restricted"


def _read_restricted_facts():
    rows = (
        Page.objects.filter(Q(view_restrictions__isnull=False) | Q(alias_of__isnull=False))
        .values_list("path", "alias_of_id")
        .distinct()
    )
    paths, aliases = set(), False
    for path, alias_of_id in rows:
        if alias_of_id:
            aliases = True
        else:
            paths.add(path)
    return {"paths": frozenset(paths), "aliases": aliases}


def _site_state(cache, extra_keys=()):
    """The site's token, the stored restriction facts and ``extra_keys``, in one round trip."""
    found = cache.get_many([SITE_TOKEN, RESTRICTED, *extra_keys])
    if SITE_TOKEN not in found:
        found.update(_read_tokens(cache, [SITE_TOKEN]))
    return found


def _kept(cache, found, key, read):
    """The value kept under ``key`` (in ``found``, read with the site's token) if it was
    kept under that token; else ``read()``, kept now under the token read before it."""
    stored = found.get(key)
    if stored is not None and stored[0] == found[SITE_TOKEN]:
        return stored[1]
    value = read()
    cache.set(key, (found[SITE_TOKEN], value), fragment_timeout())
    return value


def _facts_from(cache, found):
    return _kept(cache, found, RESTRICTED, _read_restricted_facts)


def restricted_facts():
    """The paths of the pages that carry a view restriction, and whether any page is an
    alias, as of the site's token: read from the cache, or from the database (one query)
    when the site changed since they were stored. The token is read before the database, so
    facts read during a change are stored under the token they belong to, never the new one.
    """
    cache = fragment_cache()
    return _facts_from(cache, _site_state(cache))


def kept_with_site(name, read):
    """``read()``, kept in the cache until the site's token is replaced (a page published,
    unpublished, moved or deleted, a view restriction or a Site changed). The token is
    read first, so a value read during a change is kept under the old token."""
    cache = fragment_cache()
    key = f"andelis:fragments:kept:{name}"
    return _kept(cache, _site_state(cache, [key]), key, read)


# --- Where an address leads -----------------------------------------------------------

ROUTE = "andelis:fragments:route:{}:{}"


def find_page(root, path_components, find):
    """``find()``'s answer for this address below ``root`` — (page id, depth) of the page
    that routes it, or None — kept in the cache as of the site's token (pages only move,
    appear or go with a publication, a move or a deletion, which replace it). Only exact
    page addresses are kept: a sub-page route or a mistyped address asks ``find()`` again.
    Returns the answer and the view restriction facts, read in the same round trip.
    """
    cache = fragment_cache()
    key = make_template_fragment_key("andelis.route", [root.pk, *path_components])
    found = _site_state(cache, [key])
    facts = _facts_from(cache, found)
    stored = found.get(key)
    if stored is not None and stored[0] == found[SITE_TOKEN]:
        return stored[1], facts
    answer = find()
    if answer is not None and answer[1] - root.depth == len(path_components):
        cache.set(key, (found[SITE_TOKEN], answer), fragment_timeout())
    return answer, facts


# --- The page an address leads to, ready to serve (core/serving.py) -------------------

ADDRESS = "andelis:fragments:address"
PAGE_OBJECT = "andelis:fragments:page-object:{}"


@dataclass
class StoredPage:
    """What the cache holds for an address: the page, when it is stored as of the current
    tokens, else what was read before the database (so a page read now is stored under the
    tokens of the moment it was read, never newer ones)."""

    page: Page | None
    site_token: str
    page_id: int | None = None
    page_token: str | None = None


def _address_key(request, path):
    return make_template_fragment_key(ADDRESS, [request.get_host(), path])


def stored_page(request, path):
    """The page at this address (its specific object, with its type's ``routing_queryset``
    rows), as kept in the cache: two round trips, no query. See ``StoredPage``."""
    cache = fragment_cache()
    address_key = _address_key(request, path)
    found = _site_state(cache, [address_key])
    site_token, address = found[SITE_TOKEN], found.get(address_key)
    if address is None or address[0] != site_token:
        return StoredPage(None, site_token)
    page_id = address[1]
    page_key, object_key = PAGE_TOKEN.format(page_id), PAGE_OBJECT.format(page_id)
    try:
        kept = cache.get_many([page_key, object_key])
    except (AttributeError, ImportError, pickle.UnpicklingError):
        # A page stored by an earlier version of the code: read it again.
        kept = {}
    page_token = kept.get(page_key) or _read_tokens(cache, [page_key])[page_key]
    stored = kept.get(object_key)
    if stored is None or stored[:2] != (site_token, page_token):
        return StoredPage(None, site_token, page_id, page_token)
    page = stored[2]
    page.view_restriction_facts = _facts_from(cache, found)
    # The fragments of this visit read the same tokens.
    setattr(request, REQUEST_MEMO, {page_id: (site_token, page_token)})
    return StoredPage(page, site_token, page_id, page_token)


def store_page(request, path, page, before):
    """Keep where ``path`` leads (``page``), and the page itself if its token was read
    before the database was (``before``, a ``StoredPage``)."""
    entries = {_address_key(request, path): (before.site_token, page.pk)}
    if before.page_id == page.pk:
        # Pickled here, before the page is served; its view restriction facts are read
        # again with it (``stored_page``).
        entries[PAGE_OBJECT.format(page.pk)] = (before.site_token, before.page_token, page)
    fragment_cache().set_many(entries, fragment_timeout())


# --- Dropping fragments ---------------------------------------------------------------


def _replace(keys):
    fragment_cache().set_many({key: _new_token() for key in keys}, timeout=None)


def replace_site_token():
    """Every page's fragments and stored addresses, now."""
    _replace([SITE_TOKEN])


def drop_site_fragments():
    """Every page's fragments, after the current transaction commits (before it, a
    request could still read the old content and store it under the new token)."""
    transaction.on_commit(partial(_replace, [SITE_TOKEN]))


def drop_page_fragments(pages):
    keys = [PAGE_TOKEN.format(page.pk) for page in pages if page is not None and page.pk]
    if keys:
        transaction.on_commit(partial(_replace, keys))


def on_pages_changed(sender, pages=(), **kwargs):
    drop_page_fragments(pages)


def on_site_changed(sender, **kwargs):
    drop_site_fragments()


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        drop_site_fragments()


def on_save(sender, instance, **kwargs):
    # An alias shares its source page's view restrictions (restricted_facts).
    if isinstance(instance, Page) and instance.alias_of_id:
        drop_site_fragments()


def connect_receivers():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.models import SiteSettings
    from core.signals import pages_changed

    uid = "core.fragments."
    pages_changed.connect(on_pages_changed, dispatch_uid=uid + "pages_changed")
    page_published.connect(on_site_changed, dispatch_uid=uid + "published")
    page_unpublished.connect(on_site_changed, dispatch_uid=uid + "unpublished")
    post_page_move.connect(on_site_changed, dispatch_uid=uid + "moved")
    post_delete.connect(on_delete, dispatch_uid=uid + "deleted")
    post_save.connect(on_save, dispatch_uid=uid + "saved")
    for model in (SiteSettings, Site, PageViewRestriction):
        post_save.connect(on_site_changed, sender=model, dispatch_uid=uid + model.__name__)
        post_delete.connect(
            on_site_changed, sender=model, dispatch_uid=uid + model.__name__ + ".deleted"
        )
