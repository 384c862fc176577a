"""The public page of every page type in the demo content, for the page checks.

``demo_pages()`` is the one list: the Nu HTML Checker, axe-core, the screenshots and
Lighthouse all read it. A new page type is one more line in ``pages`` below.
"""

from core.models import SiteSettings, StandardPage
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from publications.models import ArgumentPage, ProceedingsPage, PublicationIndexPage

# Variants of a page type already checked: the Nu checker and axe see them, Lighthouse
# (a minute a page) scores only the first of their type.
VARIANTS = {
    "recherche-filtres",
    "recherche-expression",
    "recherche-vide",
    "recherche-vide-filtres",
    "recherche-sans-mot",
    "introuvable",
}
# Pages kept out of search engines on purpose: Lighthouse's SEO score does not apply.
NOINDEX = {"recherche"}


def demo_pages():
    """(name, path) for one live page of each type, plus the search page and a 404."""
    pages = [
        ("accueil", HomePage.objects.live().get()),
        ("colloques", EventIndexPage.objects.live().get()),
        ("colloque", EventPage.objects.live().first()),
        ("argumentaire", ArgumentPage.objects.live().first()),
        ("traces", ProceedingsPage.objects.live().first()),
        ("publications", PublicationIndexPage.objects.live().get()),
    ]
    # The pages every footer links to (plain pages, from the demo content).
    settings = SiteSettings.load()
    pages += [
        ("mentions-legales", settings.legal_notice_page),
        ("confidentialite", settings.privacy_page),
        ("accessibilite", settings.accessibility_page),
        ("contact", settings.contact_page),
    ]
    assert all(isinstance(page.specific, StandardPage) for _name, page in pages[-4:])
    paths = [(name, page.url) for name, page in pages]
    # A talk's own page (a sub-page of the proceedings), with its "Citer" box.
    talk = ProceedingsPage.objects.live().first().talks()[0]
    paths.insert(5, ("intervention", talk.get_url()))
    paths += [
        ("recherche", "/recherche/?q=ing%C3%A9nierie"),
        ("recherche-filtres", "/recherche/?q=ingenierie&annee=2017&type=intervention"),
        ("recherche-expression", "/recherche/?q=%22ing%C3%A9nierie+sociale%22&page=2"),
        ("recherche-vide", "/recherche/?q=zzzzzz"),
        ("recherche-vide-filtres", "/recherche/?q=colloque&type=actes&annee=1990"),
        ("recherche-sans-mot", "/recherche/"),
        ("introuvable", "/cette-page-n-existe-pas/"),
    ]
    return paths


def lighthouse_pages():
    """(name, path, categories) of the pages Lighthouse scores."""
    categories = ("performance", "accessibility", "best-practices", "seo")
    return [
        (name, path, tuple(c for c in categories if not (c == "seo" and name in NOINDEX)))
        for name, path in demo_pages()
        if name not in VARIANTS
    ]
