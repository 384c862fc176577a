"""A page's <title> and meta description, as search engines and browser tabs show them.

The description is the page's own ``search_description`` when the editor wrote one;
otherwise the page type says what best sums it up (``BasePage.meta_description_fallback``);
the site's tagline is the last resort. Every description is plain text of at most
``DESCRIPTION_LENGTH`` characters, cut at a word.
"""

import re

from django.utils.html import strip_tags

DESCRIPTION_LENGTH = 160
# wagtail-footnotes keeps "<footnote id=…>[1]</footnote>" in the stored text: the
# marker is not part of the sentence.
FOOTNOTE = re.compile(r"<footnote\b[^>]*>.*?</footnote>", re.S)


def plain_text(html):
    """Rich text (or a StreamField block's value) as one line of plain text."""
    source = getattr(html, "source", html) or ""
    text = strip_tags(FOOTNOTE.sub("", str(source)))
    text = text.replace("&nbsp;", " ").replace("&#x27;", "'").replace("&amp;", "&")
    return " ".join(text.split())


def first_words(text, length=DESCRIPTION_LENGTH):
    """``text`` cut at a word so that it fits in ``length`` characters, with "…" if cut."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def stream_text(stream):
    """The text of a StreamField's paragraphs, headings and quotes, in order."""
    parts = []
    for block in stream or ():
        value = block.value
        if isinstance(value, dict) or hasattr(value, "get"):
            value = value.get("text") or value.get("quote") or ""
        parts.append(plain_text(value))
    return " ".join(part for part in parts if part)


def meta_description(page, site_settings=None):
    """The meta description of ``page`` (a page, or None for a view that is not one)."""
    text = ""
    if page is not None:
        text = getattr(page, "search_description", "") or ""
        if not text.strip() and hasattr(page, "meta_description_fallback"):
            text = page.meta_description_fallback()
    if not (text or "").strip() and site_settings is not None:
        name = site_settings.association_name
        tagline = site_settings.tagline
        text = f"{name} – {tagline}" if tagline else name
    return first_words(plain_text(text))


def full_title(page_title, site_name):
    """ "Page – ANDELIS"; the site name alone when the page's title is empty or already
    names the site (the home page), so that no title repeats itself."""
    page_title = " ".join((page_title or "").split())
    if not page_title:
        return site_name
    if site_name and site_name.casefold() in page_title.casefold():
        return page_title
    return f"{page_title} – {site_name}" if site_name else page_title
