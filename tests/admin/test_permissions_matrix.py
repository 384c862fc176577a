"""Who reaches which part of the admin: one row per URL family, one column per role.

LOGIN: sent to the admin login; OK: the page is shown; "→ URL": sent elsewhere in
the admin; DENIED: refused (Wagtail redirects to the dashboard with "Désolé, vous
n'avez pas les autorisations...", or answers 403). Roles are those of
core/roles.py (docs/roles.md); the lockouts' view is core/logins.
"""

from html import unescape

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Workflow, WorkflowPage

from comments.models import Comment
from core.models import SiteSettings
from core.roles import EDITORS, WORKFLOW_NAME
from registrations.models import Registration
from tests.factories import (
    ColloquiumDocumentFactory,
    EventPageFactory,
    ImageFactory,
    PartnerFactory,
    PersonFactory,
    StandardPageFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

LOGIN, OK, DENIED = "connexion", "200", "refusé"
# Editors and moderators start the explorer at the home page, the top of what they may edit.
TO_HOME = "→ /admin/pages/{home}/"
ROLES = ["anonyme", "éditeur", "modérateur", "administrateur"]

# fmt: off
MATRIX = [
    # URL family                    URL                                                   anonyme  éditeur  modérateur  administrateur
    ("tableau de bord",             "/admin/",                                             LOGIN,   OK,      OK,         OK),
    ("guide des éditeurs",          "/admin/guide/",                                       LOGIN,   OK,      OK,         OK),
    ("pages : racine",              "/admin/pages/",                                       LOGIN,   TO_HOME, TO_HOME,    OK),
    ("pages : explorateur",         "/admin/pages/{home}/",                                LOGIN,   OK,      OK,         OK),
    ("pages : modifier",            "/admin/pages/{page}/edit/",                           LOGIN,   OK,      OK,         OK),
    ("pages : ajouter",             "/admin/pages/add/core/standardpage/{home}/",          LOGIN,   OK,      OK,         OK),
    ("pages : confidentialité",     "/admin/pages/{page}/privacy/",                        LOGIN,   DENIED,  OK,         OK),
    ("pages : recherche",           "/admin/pages/search/",                                LOGIN,   OK,      OK,         OK),
    ("extraits : lieux",            "/admin/snippets/events/venue/",                       LOGIN,   OK,      OK,         OK),
    ("extraits : lieu",             "/admin/snippets/events/venue/edit/{venue}/",          LOGIN,   OK,      OK,         OK),
    ("extraits : personnes",        "/admin/snippets/events/person/",                      LOGIN,   OK,      OK,         OK),
    ("extraits : personne",         "/admin/snippets/events/person/edit/{person}/",        LOGIN,   OK,      OK,         OK),
    ("extraits : partenaires",      "/admin/snippets/events/partner/",                     LOGIN,   OK,      OK,         OK),
    ("extraits : partenaire",       "/admin/snippets/events/partner/edit/{partner}/",      LOGIN,   OK,      OK,         OK),
    ("extraits : ajouter un lieu",  "/admin/snippets/events/venue/add/",                   LOGIN,   OK,      OK,         OK),
    ("commentaires",                "/admin/snippets/core/comment/",                       LOGIN,   DENIED,  OK,         OK),
    ("commentaire",                 "/admin/snippets/core/comment/edit/{comment}/",        LOGIN,   DENIED,  OK,         OK),
    ("commentaires : ajouter",      "/admin/snippets/core/comment/add/",                   LOGIN,   DENIED,  DENIED,     DENIED),
    ("inscriptions",                "/admin/registrations/",                               LOGIN,   DENIED,  OK,         OK),
    ("inscription",                 "/admin/registrations/inspect/{registration}/",        LOGIN,   DENIED,  OK,         OK),
    ("inscriptions : ajouter",      "/admin/registrations/new/",                           LOGIN,   DENIED,  DENIED,     OK),
    ("documents",                   "/admin/documents/",                                   LOGIN,   OK,      OK,         OK),
    ("document",                    "/admin/documents/edit/{document}/",                   LOGIN,   OK,      OK,         OK),
    ("images",                      "/admin/images/",                                      LOGIN,   OK,      OK,         OK),
    ("image",                       "/admin/images/{image}/",                              LOGIN,   OK,      OK,         OK),
    ("collections",                 "/admin/collections/",                                 LOGIN,   DENIED,  DENIED,     OK),
    ("collection : confidentialité", "/admin/collections/{collection}/privacy/",           LOGIN,   DENIED,  DENIED,     OK),
    ("utilisateurs",                "/admin/users/",                                       LOGIN,   DENIED,  DENIED,     OK),
    ("utilisateur",                 "/admin/users/edit/{editor}/",                         LOGIN,   DENIED,  DENIED,     OK),
    ("groupes",                     "/admin/groups/",                                      LOGIN,   DENIED,  DENIED,     OK),
    ("groupe",                      "/admin/groups/edit/{group}/",                         LOGIN,   DENIED,  DENIED,     OK),
    ("paramètres du site",          "/admin/settings/core/sitesettings/{site_settings}/",  LOGIN,   DENIED,  DENIED,     OK),
    ("sites",                       "/admin/sites/",                                       LOGIN,   DENIED,  DENIED,     OK),
    ("redirections",                "/admin/redirects/",                                   LOGIN,   DENIED,  DENIED,     OK),
    ("connexions bloquées",         "/admin/connexions-bloquees/",                         LOGIN,   DENIED,  DENIED,     OK),
    ("rapports : pages verrouillées", "/admin/reports/locked/",                            LOGIN,   DENIED,  OK,         OK),
    ("rapports : historique",       "/admin/reports/site-history/",                        LOGIN,   OK,      OK,         OK),
    ("rapports : pages anciennes",  "/admin/reports/aging-pages/",                         LOGIN,   OK,      OK,         OK),
    ("rapports : workflows",        "/admin/reports/workflow/",                            LOGIN,   OK,      OK,         OK),
    ("rapports : tâches",           "/admin/reports/workflow_tasks/",                      LOGIN,   OK,      OK,         OK),
    ("rapports : types de page",    "/admin/reports/page-types-usage/",                    LOGIN,   OK,      OK,         OK),
    ("workflows",                   "/admin/workflows/list/",                              LOGIN,   DENIED,  DENIED,     OK),
    ("workflows : tâches",          "/admin/workflows/tasks/index/",                       LOGIN,   DENIED,  DENIED,     OK),
    ("modération : valider",        "/admin/pages/workflow/collect_action_data/{moderated}/approve/{task_state}/",
                                                                                           LOGIN,   DENIED,  OK,         OK),
    ("édition suivante",            "/admin/colloques/{event}/edition-suivante/",          LOGIN,   OK,      OK,         OK),
    ("copie autonome",              "/admin/colloques/{event}/copie-autonome/",            LOGIN,   OK,      OK,         OK),
    ("mon compte",                  "/admin/account/",                                     LOGIN,   OK,      OK,         OK),
]
# fmt: on


@pytest.fixture
def objects(editor, moderator, django_user_model):
    page = StandardPageFactory(title="L'association")
    home = page.get_parent()
    event = EventPageFactory()
    WorkflowPage.objects.get_or_create(
        page=home, defaults={"workflow": Workflow.objects.get(name=WORKFLOW_NAME)}
    )
    moderated = StandardPageFactory(parent=home, title="À relire", slug="a-relire")
    moderated.save_revision(user=editor)
    workflow_state = moderated.get_workflow().start(moderated, editor)
    collection = Collection.get_first_root_node().add_child(name="Bureau")
    return {
        "home": home.pk,
        "page": page.pk,
        "event": event.pk,
        "moderated": moderated.pk,
        "task_state": workflow_state.current_task_state.pk,
        "venue": VenueFactory().pk,
        "person": PersonFactory().pk,
        "partner": PartnerFactory().pk,
        "comment": Comment.objects.create(
            page=page, author_name="Marion", email="m@example.org", text="Bonjour"
        ).pk,
        "registration": Registration.objects.create(
            event=event, name="Camille", email="camille@example.org"
        ).pk,
        "document": ColloquiumDocumentFactory().pk,
        "image": ImageFactory().pk,
        "collection": collection.pk,
        "site_settings": SiteSettings.load().pk,
        "editor": editor.pk,
        "group": Group.objects.get(name=EDITORS).pk,
        "users": {
            "anonyme": None,
            "éditeur": editor,
            "modérateur": moderator,
            "administrateur": django_user_model.objects.create_superuser(
                "admin", "admin@andelis.example", "x"
            ),
        },
    }


def outcome(client, url):
    response = client.get(url)
    if response.status_code == 302 and response.url.startswith("/admin/login/"):
        return LOGIN
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and response.url == "/admin/":
        message = unescape(client.get(response.url).content.decode())
        assert "vous n'avez pas les autorisations" in message, url
        return DENIED
    if response.status_code == 302:
        return f"→ {response.url}"
    return str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_permissions_matrix(client, objects, role):
    """One column of the table: what this role meets in each URL family."""
    user = objects["users"][role]
    if user is not None:
        client.force_login(user)
    column = ROLES.index(role)
    expected = {family: row[column].format(**objects) for family, _url, *row in MATRIX}
    seen = {family: outcome(client, url.format(**objects)) for family, url, *_row in MATRIX}
    assert seen == expected


def test_every_admin_menu_entry_has_a_row(objects, rf):
    """A new admin area appears in the menu: it needs its row in the table above."""
    from wagtail.admin.menu import SubmenuMenuItem, admin_menu

    request = rf.get("/admin/")
    request.user = objects["users"]["administrateur"]

    def urls(menu):
        for item in menu.menu_items_for_request(request):
            if isinstance(item, SubmenuMenuItem):
                yield from urls(item.menu)
            else:
                yield item.url

    # The explorer's menu entry is drawn by JavaScript ("#"); the help links are Wagtail's site.
    admin_urls = {url for url in urls(admin_menu) if url.startswith("/admin/")}
    covered = {url.format(**objects).split("?")[0] for _family, url, *_row in MATRIX}
    # Menu entries that are one listing under another name.
    covered |= {"/admin/snippets/", "/admin/forms/", "/admin/settings/core/sitesettings/"}
    missing = sorted(admin_urls - covered)
    assert not missing, " ".join(missing)
