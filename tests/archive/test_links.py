"""The address rewriting of a copy touches addresses only, and every form of them."""

from archive.links import css_urls, rewrite_css, rewrite_html


def to_copy(url, tag, attrs):
    if url.startswith("/static/"):
        return "static/" + url.removeprefix("/static/"), []
    if url.startswith("/"):
        return "https://andelis.example" + url, ["external"] if tag == "a" else []
    return None


def test_only_the_addresses_change_and_the_rest_stays_byte_for_byte():
    html = (
        "<!DOCTYPE html>\n<p class=x>Texte &amp; <b>gras</b></p>\n"
        '<IMG SRC="/static/a.png" alt="Logo &quot;A&quot;" srcset="/static/a.png 1x, /static/b.png 2x"/>\n'
        '<a href="/mentions-legales/?a=1&amp;b=2" rel="nofollow">Mentions</a>\n'
        '<a href="#contenu">Aller</a> <a href="mailto:x@example.org">Écrire</a>\n'
        '<script type="application/ld+json">{"url": "/colloques/"}</script>\n'
    )

    copied = rewrite_html(html, to_copy)

    assert copied == (
        "<!DOCTYPE html>\n<p class=x>Texte &amp; <b>gras</b></p>\n"
        '<img src="static/a.png" alt="Logo &quot;A&quot;" srcset="static/a.png 1x, static/b.png 2x" />\n'
        '<a href="https://andelis.example/mentions-legales/?a=1&amp;b=2" rel="nofollow external">'
        "Mentions</a>\n"
        '<a href="#contenu">Aller</a> <a href="mailto:x@example.org">Écrire</a>\n'
        '<script type="application/ld+json">{"url": "/colloques/"}</script>\n'
    )


def test_stylesheet_addresses_are_found_and_rewritten():
    css = (
        '@import "/static/css/base.css";\n'
        "@font-face { src: url(../fonts/a.woff2) format('woff2'), url('data:font/woff2;base64,AA'); }\n"
        '.logo { background: url("/static/img/logo.svg#x"); }\n'
    )

    assert list(css_urls(css)) == [
        "/static/css/base.css",
        "../fonts/a.woff2",
        "/static/img/logo.svg#x",
    ]
    rewritten = rewrite_css(css, lambda url: "R(" + url + ")" if url.startswith("/") else None)
    assert rewritten == (
        '@import "R(/static/css/base.css)";\n'
        "@font-face { src: url(../fonts/a.woff2) format('woff2'), url('data:font/woff2;base64,AA'); }\n"
        '.logo { background: url("R(/static/img/logo.svg#x)"); }\n'
    )
