"""The editors' guide, in French, inside the admin's Help menu.

Wagtail's Help menu points to its English guide on another site, which an
editor offline or without English cannot use: these pages say, with the
names the ANDELIS admin shows, how to do the association's usual tasks.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (slug, title): one template a section, templates/core/editor_guide/<slug>.html.
SECTIONS = [
    ("edition-suivante", _("Préparer le colloque suivant")),
    ("documents-et-videos", _("Ajouter le document ou la vidéo d'une intervention")),
    ("notes", _("Écrire des notes de bas de page")),
    ("commentaires", _("Modérer les commentaires")),
    ("inscriptions", _("Exporter les inscriptions")),
]
TITLES = dict(SECTIONS)


def guide_view(request, section=None):
    if section is not None and section not in TITLES:
        raise Http404
    index_title = _("Guide des éditeurs")
    sections = [
        (slug, title, reverse("editor_guide_section", args=[slug])) for slug, title in SECTIONS
    ]
    return TemplateResponse(
        request,
        f"core/editor_guide/{section or 'index'}.html",
        {
            "page_title": TITLES.get(section, index_title),
            "header_title": TITLES.get(section, index_title),
            "page_subtitle": index_title if section else "",
            "header_icon": "help",
            "index_url": reverse("editor_guide"),
            "sections": sections,
            "section": section,
        },
    )
