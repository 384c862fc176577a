"""Rewriting the addresses inside a copied HTML page or stylesheet.

Only the attributes that hold an address are touched, and only in the start tags that have
one: the rest of the page stays byte for byte as the site rendered it. The caller decides
what each address becomes (``rewrite(url, tag, attrs)`` returns the new value and the
``rel`` words to add, or None to keep it).
"""

import html
import re
from html.parser import HTMLParser

# Attributes holding one address, by tag ("*": any tag).
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "source": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
SRCSET_TAGS = ("img", "source")


class _StartTags(HTMLParser):
    """Collects (offset, raw text, tag, attributes) of every start tag."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self._line_starts = [0]
        for match in re.finditer("\n", text):
            self._line_starts.append(match.end())

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.tags.append((self._offset(), self.get_starttag_text(), tag, attrs))

    handle_startendtag = handle_starttag


def _serialise(tag, attrs, self_closing):
    parts = [f"<{tag}"]
    for name, value in attrs:
        parts.append(f" {name}" if value is None else f' {name}="{html.escape(value)}"')
    parts.append(" />" if self_closing else ">")
    return "".join(parts)


def _rewrite_srcset(value, rewrite_one):
    candidates = []
    for candidate in value.split(","):
        words = candidate.split()
        if not words:
            continue
        new = rewrite_one(words[0])
        candidates.append(" ".join([new if new is not None else words[0], *words[1:]]))
    return ", ".join(candidates)


def rewrite_html(text, rewrite):
    """``text`` with the addresses of its start tags replaced by ``rewrite(url, tag,
    attrs)``, which returns None (keep) or (new url, rel words to add)."""
    parser = _StartTags(text)
    parser.feed(text)
    parser.close()
    output, position = [], 0
    for offset, raw, tag, attrs in parser.tags:
        if raw is None or text[offset : offset + len(raw)] != raw:
            continue
        names = URL_ATTRIBUTES.get(tag, ())
        changed, extra_rel, new_attrs = False, [], []
        attr_map = dict(attrs)
        for name, value in attrs:
            if value and name in names:
                answer = rewrite(value, tag, attr_map)
                if answer is not None:
                    new_value, rel = answer
                    changed = changed or new_value != value or bool(rel)
                    extra_rel.extend(rel)
                    value = new_value
            elif value and name == "srcset" and tag in SRCSET_TAGS:

                def one(url, tag=tag, attr_map=attr_map):
                    answer = rewrite(url, tag, attr_map)
                    return answer[0] if answer is not None else None

                new_value = _rewrite_srcset(value, one)
                changed = changed or new_value != value
                value = new_value
            new_attrs.append((name, value))
        if not changed:
            continue
        if extra_rel:
            words = (attr_map.get("rel") or "").split()
            words += [word for word in extra_rel if word not in words]
            if "rel" in attr_map:
                new_attrs = [(n, " ".join(words) if n == "rel" else v) for n, v in new_attrs]
            else:
                new_attrs.append(("rel", " ".join(words)))
        output.append(text[position:offset])
        output.append(_serialise(tag, new_attrs, raw.rstrip().endswith("/>")))
        position = offset + len(raw)
    output.append(text[position:])
    return "".join(output)


CSS_URL = re.compile(
    r"""url\(\s*(?P<quote>['"]?)(?P<url>[^'")]*?)(?P=quote)\s*\)"""
    r"""|@import\s+(?P<iquote>['"])(?P<iurl>[^'"]*)(?P=iquote)""",
    re.IGNORECASE,
)


def css_urls(text):
    """Every address a stylesheet names (``url(…)`` and ``@import "…"``)."""
    for match in CSS_URL.finditer(text):
        url = match.group("url") if match.group("url") is not None else match.group("iurl")
        if url and not url.startswith(("data:", "#")):
            yield url


def rewrite_css(text, rewrite_one):
    """``text`` with each address replaced by ``rewrite_one(url)`` (None: keep it)."""

    def replace(match):
        if match.group("iurl") is not None:
            url, quote = match.group("iurl"), match.group("iquote")
            new = rewrite_one(url) if not url.startswith("data:") else None
            return match.group(0) if new is None else f"@import {quote}{new}{quote}"
        url, quote = match.group("url"), match.group("quote")
        if not url or url.startswith(("data:", "#")):
            return match.group(0)
        new = rewrite_one(url)
        return match.group(0) if new is None else f"url({quote}{new}{quote})"

    return CSS_URL.sub(replace, text)
