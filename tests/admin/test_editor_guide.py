"""The editors' guide, in French, inside the admin's Help menu."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from core.editor_guide import SECTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["editor", "moderator"])
def member(request):
    return request.getfixturevalue(request.param)


def test_the_help_menu_leads_to_the_guide_and_no_longer_to_english_pages(client, member):
    client.force_login(member)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The admin's sidebar is drawn by JavaScript from this JSON.
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    dashboard = json.dumps(json.loads(props.group(1)), ensure_ascii=False)

    assert "Guide des éditeurs" in dashboard
    assert reverse("editor_guide") in dashboard
    assert "guide.wagtail.org" not in dashboard
    assert "Editor Guide" not in dashboard


def test_every_section_is_there_and_every_link_inside_resolves(client, member):
    client.force_login(member)
    index = client.get(reverse("editor_guide"))
    assert index.status_code == 200
    html = unescape(index.content.decode())
    for slug, title in SECTIONS:
        assert reverse("editor_guide_section", args=[slug]) in html
        assert str(title) in html

    expected = {
        "edition-suivante": [
            "Préparer l'édition suivante",
            "Dates",
            "Enregistrer le brouillon",
            "Exporter une copie autonome",
        ],
        "documents-et-videos": ["traces du colloque", "Choisir un document", "lien vers la vidéo"],
        "notes": ["Fn", "Notes de bas de page"],
        "commentaires": ["Commentaires", "À modérer", "Publier", "Refuser"],
        "inscriptions": ["Inscriptions", "Télécharger en CSV"],
    }
    for slug, _title in SECTIONS:
        page = client.get(reverse("editor_guide_section", args=[slug]))
        assert page.status_code == 200
        text = unescape(page.content.decode())
        for words in expected[slug]:
            assert words in text, (slug, words)
        main = text.split('id="main"', 1)[1]
        for url in set(re.findall(r'href="(/admin/guide/[^"]*)"', main)):
            assert client.get(url).status_code == 200, url


def test_an_unknown_section_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get("/admin/guide/nulle-part/").status_code == 404


def test_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("editor_guide"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
