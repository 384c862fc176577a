"""Hostile comments: hundreds of random and known XSS posts never break the page.

Rate limit and minimum time are switched off here (they have their own tests),
so that every example reaches the form and the database.
"""

import time
from collections import Counter

import html5lib
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.models import Comment
from core.forms_protection import issue_token

pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">cliquez</a>',
    "javascript:alert(1)",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "</textarea><script>alert(1)</script>",
    "</p></div></li></ol><iframe src=//evil.example></iframe>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>body{display:none}</style>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "{{ request.META }} {% debug %}",
    "\u202e<script>alert(1)</script>",
    "https://spam.example/?q=<b>gras</b>",
    "<a href=https://spam.example rel=follow>pub</a>\n\n<b>ligne</b>\r\n<i>encore</i>",
]

# Whatever a keyboard, a copy-paste or a robot may send (no lone surrogates: a
# browser cannot encode them).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
HOSTILE = st.one_of(
    ANY_TEXT,
    st.sampled_from(XSS_PAYLOADS),
    st.tuples(ANY_TEXT, st.sampled_from(XSS_PAYLOADS), ANY_TEXT).map("".join),
)
# Mostly valid addresses, so that most posts reach the page.
EMAILS = st.one_of(st.emails(), st.emails(), st.emails(), st.sampled_from(XSS_PAYLOADS), ANY_TEXT)

# Elements no visitor's text may ever create: this page has none of its own.
FORBIDDEN = {
    "script",
    "iframe",
    "img",
    "svg",
    "math",
    "style",
    "object",
    "embed",
    "base",
    "details",
    "marquee",
    "frame",
    "frameset",
}


def parse(content):
    return html5lib.parse(content, namespaceHTMLElements=False)


def words(text):
    return " ".join(text.split())


def shown_text(element):
    """The text a reader sees, a line break or a paragraph counting as a space."""
    parts = [element.text or ""]
    for child in element:
        parts += [" ", shown_text(child), " ", child.tail or ""]
    return "".join(parts)


def comment_items(document):
    return [li for li in document.iter("li") if li.get("class") == "comment"]


@pytest.fixture
def unthrottled(settings):
    settings.RATELIMIT_ENABLE = False
    settings.FORMS_MIN_SECONDS = 0


def test_fuzzed_comments_never_error_never_show_unapproved_never_inject(
    client, proceedings, unthrottled
):
    url = f"/commentaires/{proceedings.pk}/"
    statuses = Counter()

    def send(name, email, text, honeypot=""):
        response = client.post(
            url,
            {
                "author_name": name,
                "email": email,
                "text": text,
                "site_internet": honeypot,
                # Each post a token of its own: a used one is refused.
                "started": issue_token(proceedings.pk, time.time() - 60),
            },
        )
        statuses[response.status_code] += 1
        return response

    @given(name=HOSTILE, email=EMAILS, text=HOSTILE, honeypot=st.sampled_from(["", "", "", "x"]))
    @hypothesis_settings(
        max_examples=500,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def post_anything(name, email, text, honeypot):
        assert send(name, email, text, honeypot).status_code in (302, 400)

    post_anything()
    for payload in XSS_PAYLOADS:
        assert send(payload[:80], "xss@example.org", payload).status_code == 302

    assert sum(statuses.values()) >= 500 + len(XSS_PAYLOADS)
    assert statuses[500] == 0
    stored = Comment.objects.count()
    assert stored >= 100, statuses  # enough posts really went through

    # Before approval: nothing shows.
    before = client.get(proceedings.url)
    assert before.status_code == 200
    assert comment_items(parse(before.content)) == []
    assert "alert(1)" not in before.content.decode()

    Comment.objects.update(status=Comment.Status.APPROVED)
    after = client.get(proceedings.url)
    assert after.status_code == 200
    document = parse(after.content)

    items = comment_items(document)
    assert len(items) == stored
    comments = {f"commentaire-{c.pk}": c for c in Comment.objects.all()}
    for item in items:
        comment = comments[item.get("id")]
        author = item.find("./p/span")
        assert author.get("class") == "comment__author"
        assert words(author.text or "") == words(comment.author_name)
        body = item.find("./div")
        assert body.get("class") == "comment__text"
        # Only the paragraphs and line breaks of `linebreaks`, without attributes.
        for element in body.iter():
            if element is body:
                continue
            assert element.tag in {"p", "br"}, (element.tag, comment.text)
            assert dict(element.attrib) == {}, (element.attrib, comment.text)
        assert words(shown_text(body)) == words(comment.text)

    # Nothing injected anywhere in the page either.
    page_body = document.find("body")
    assert [e.tag for e in page_body.iter() if e.tag in {"meta", "body", "head", "html"}] == [
        "body"
    ]
    for element in document.iter():
        if element.tag == "script" and element.attrib == {
            "src": "/static/js/form-token.js",
            "defer": "",
        }:
            continue  # the page's own script, which fills the form's token
        if element.tag == "img" and element.get("class") == "site-header__logo":
            assert element.get("src") == "/static/img/andelis-wordmark.svg"
            continue  # the site's wordmark in the header
        assert element.tag not in FORBIDDEN, element.tag
        assert not [name for name in element.attrib if name.lower().startswith("on")], (
            element.attrib
        )
        assert "javascript:" not in element.get("href", "").lower()
    assert [a.get("href") for a in document.iter("a") if "spam.example" in a.get("href", "")] == []
