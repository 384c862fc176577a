"""What the visitor typed, and text made comparable: parsing, folding, highlighting."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
SNIPPET_WORDS = 40
# PostgreSQL's ts_headline marks matches with these (control characters never
# survive clean_query nor extraction); they become <mark> after escaping.
START_MARK = "\x02"
STOP_MARK = "\x03"
WORD = re.compile(r"\w+(?:['’]\w+)*")
LETTERS = re.compile(r"\w+")

# What the demo's generated PDFs print on their first page (``DEMO_NOTICE``): never
# in a snippet. The same pattern for Python's re and PostgreSQL's regexp_replace.
BOILERPLATE_SQL = r"Document de démonstration : [^)]*\)\.?"
BOILERPLATE = re.compile(BOILERPLATE_SQL)


def clean_query(raw):
    """Visitor input made safe for the database: no control characters, bounded."""
    cleaned = "".join(ch for ch in str(raw) if ch.isprintable())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class ParsedQuery:
    """Words typed by the visitor, and the phrases they put between double quotes."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]

    def __bool__(self):
        return bool(self.words or self.phrases)

    @property
    def terms(self):
        """Every word, phrases included (for highlighting and any-word matching)."""
        terms = list(self.words)
        for phrase in self.phrases:
            terms.extend(WORD.findall(phrase))
        return terms


def parse_query(query_string):
    """Only words reach the database: operators, quotes and symbols are dropped."""
    words, phrases = [], []
    for position, part in enumerate(query_string.split('"')):
        found = WORD.findall(part)
        if position % 2 and len(found) > 1:
            phrases.append(" ".join(found))
        else:
            words.extend(found)
    budget = MAX_TERMS
    words = words[:budget]
    budget -= len(words)
    kept_phrases = []
    for phrase in phrases:
        if budget <= 0:
            break
        phrase_words = phrase.split()[:budget]
        budget -= len(phrase_words)
        kept_phrases.append(" ".join(phrase_words))
    return ParsedQuery(tuple(words), tuple(kept_phrases))


def fold(text):
    """Lower case without accents: "Hétérotopies" -> "heterotopies"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(text):
    """``text`` as folded words between single spaces, for SQLite's ``LIKE`` (a phrase is
    its words in a row); apostrophes and hyphens separate words, as in PostgreSQL."""
    return " " + " ".join(LETTERS.findall(fold(text))) + " "


def stem(word):
    """A crude French stem for SQLite (PostgreSQL stems properly): no plural ending."""
    folded = fold(word)
    if len(folded) > 3 and folded[-1] in "sx":
        folded = folded[:-1]
    return folded


def marks_to_html(text):
    """Escape everything, then turn ts_headline's markers into <mark>."""
    html = escape(text).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above


def highlight(text, terms, words=SNIPPET_WORDS):
    """A window of ``text`` around the first matched word, with matches in <mark>.

    Accent- and case-insensitive; a word matches when it starts with a term's
    stem (SQLite's stand-in for PostgreSQL's ts_headline). Empty when no word
    matches.
    """
    tokens = re.split(r"(\w+)", BOILERPLATE.sub(" ", text))
    stems = [stem(term) for term in terms if term]
    marked = []
    first = None
    for index, token in enumerate(tokens):
        is_match = index % 2 == 1 and any(fold(token).startswith(s) for s in stems)
        if is_match and first is None:
            first = index
        marked.append((token, is_match))
    if first is None:
        return ""
    start = max(0, first - words // 2)
    window = marked[start : start + words * 2]
    html = "".join(
        f"<mark>{escape(token)}</mark>" if is_match else escape(token) for token, is_match in window
    )
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words * 2 < len(marked) else ""
    return mark_safe(prefix + html.strip() + suffix)  # noqa: S308 - every token escaped
