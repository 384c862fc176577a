"""What makes the admin comfortable for the association's editors (issue 5)."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.functional import Promise
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from events.models import EventPage, Partner, Person, Venue
from events.next_edition import prepare_next_edition
from tests.factories import PAGE_FACTORIES, EventPageFactory, VenueFactory, paris

pytestmark = pytest.mark.django_db


# --- Preview ---------------------------------------------------------------


def assert_preview_renders(client, page, expected_text):
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(edit_html, form_id="page-edit-form")
    if "body" in [f.name for f in type(page)._meta.get_fields()]:
        # StreamField inputs are drawn by JavaScript: the HTML alone has none.
        data.update(
            nested_form_data(
                {"body": streamfield([("paragraph", rich_text(f"<p>{expected_text}</p>"))])}
            )
        )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    answer = client.post(preview_url, data=data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert expected_text in unescape(preview.content.decode())


@pytest.mark.parametrize("model", list(PAGE_FACTORIES), ids=lambda m: m.__name__)
def test_every_page_type_previews_for_an_editor(client, editor, model):
    page = PAGE_FACTORIES[model]()
    assert page.is_previewable()
    client.force_login(editor)
    assert_preview_renders(client, page, page.title)


def test_a_next_edition_without_dates_previews(client, editor):
    event = EventPageFactory(title="Colloque 2026", slug="colloque-2026")
    draft = prepare_next_edition(event, editor)
    client.force_login(editor)
    assert_preview_renders(client, draft, "Dates à venir")


# --- Accessibility checker ---------------------------------------------------


def test_accessibility_checker_in_the_userbar_of_a_public_page(client, editor):
    event = EventPageFactory()
    client.force_login(editor)
    html = client.get(event.url).content.decode()
    assert 'id="checker-trigger"' in html
    assert 'id="checker-axe-configuration"' in html


def test_accessibility_checks_panel_in_the_page_editor(client, editor):
    event = EventPageFactory()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'data-side-panel="checks"' in html
    assert "Vérifications" in unescape(html)


# --- Choosers that create ------------------------------------------------------


@pytest.mark.parametrize(
    ("model_name", "tab_label", "data", "model"),
    [
        ("venue", "Nouveau lieu", {"name": "Palais du Pharo", "city": "Marseille"}, Venue),
        ("person", "Nouvelle personne", {"name": "Cécile Dupont", "affiliation": "IRTS"}, Person),
        ("partner", "Nouveau partenaire", {"name": "UNAFORIS", "website": ""}, Partner),
    ],
)
def test_editor_creates_a_missing_snippet_from_the_chooser(
    client, editor, model_name, tab_label, data, model
):
    client.force_login(editor)
    chooser = client.get(reverse(f"wagtailsnippetchoosers_events_{model_name}:choose"))
    assert tab_label in unescape(chooser.json()["html"])

    created = client.post(reverse(f"wagtailsnippetchoosers_events_{model_name}:create"), data)

    answer = created.json()
    assert answer["step"] == "chosen"
    obj = model.objects.get(name=data["name"])
    assert str(answer["result"]["id"]) == str(obj.pk)


def test_chooser_creation_refuses_a_nameless_person_in_french(client, editor):
    client.force_login(editor)
    answer = client.post(
        reverse("wagtailsnippetchoosers_events_person:create"), {"name": "", "affiliation": "x"}
    ).json()
    assert answer["step"] != "chosen"
    assert "Champ requis." in unescape(answer["htmlFragment"])
    assert not Person.objects.filter(affiliation="x").exists()


# --- Labels --------------------------------------------------------------------


EDITOR_FACING = [
    "events.EventPage",
    "events.ProgrammeItem",
    "events.EventSpeaker",
    "events.EventPartner",
    "events.EventImage",
    "events.Venue",
    "events.Person",
    "events.Partner",
    "publications.ArgumentPage",
    "publications.ProceedingsPage",
    "publications.Contribution",
    "publications.PressArticle",
]


@pytest.mark.parametrize("dotted", EDITOR_FACING)
def test_every_editor_field_has_a_french_label_and_help_text(dotted):
    from django.apps import apps

    model = apps.get_model(dotted)
    own_fields = [
        f
        for f in model._meta.get_fields()
        if f.concrete
        and not f.auto_created
        and getattr(f, "editable", False)
        and f.model is model
        and f.name not in {"page", "sort_order", "locale", "translation_key"}
    ]
    missing = [f.name for f in own_fields if not str(f.help_text).strip()]
    assert missing == [], f"{dotted}: no help text on {missing}"
    # An explicit label goes through gettext_lazy; Django's default is a plain str.
    unlabelled = [f.name for f in own_fields if not isinstance(f.verbose_name, Promise)]
    assert unlabelled == [], f"{dotted}: no explicit French label on {unlabelled}"


# --- Dashboard -----------------------------------------------------------------


def test_dashboard_lists_upcoming_colloquia_and_what_waits_for_moderation(
    client, editor, moderator
):
    EventPageFactory(title="Colloque passé", start=paris(2015, 1, 1, 9), end=paris(2015, 1, 1, 17))
    upcoming = EventPageFactory(title="Colloque à venir", venue=VenueFactory(city="Lyon"))
    draft = prepare_next_edition(upcoming, editor)
    revision = upcoming.save_revision(user=editor)
    upcoming.get_workflow().start(upcoming, editor)
    assert revision

    client.force_login(moderator)
    html = unescape(client.get(reverse("wagtailadmin_home")).content.decode())

    panel = html[html.index('id="andelis-colloques-content"') :]
    upcoming_part = panel[: panel.index("En attente de relecture")]
    assert "Colloque à venir" in upcoming_part and "Lyon" in upcoming_part
    assert draft.title in upcoming_part and "dates à indiquer" in upcoming_part
    assert "Colloque passé" not in panel
    waiting = panel[panel.index("En attente de relecture") :]
    assert "Colloque à venir" in waiting
    assert "soumis par Edith" in waiting


def test_dashboard_says_when_nothing_waits(client, editor):
    client.force_login(editor)
    html = unescape(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Rien n'attend la relecture d'un modérateur." in html
    assert Page.objects.type(EventPage).count() == 0


def test_dashboard_tells_moderators_how_many_comments_wait(client, editor, moderator):
    from comments.models import Comment

    event = EventPageFactory(title="Colloque à venir")
    for status in (Comment.Status.PENDING, Comment.Status.PENDING, Comment.Status.APPROVED):
        Comment.objects.create(
            page=event, author_name="Marion", email="m@example.org", text="Bonjour", status=status
        )

    client.force_login(moderator)
    html = unescape(client.get(reverse("wagtailadmin_home")).content.decode())
    panel = html[html.index('id="andelis-colloques-content"') :]
    assert "2 commentaires à modérer" in panel
    assert reverse("wagtailsnippets_core_comment:list") + "?status=pending" in panel

    # Editors don't moderate comments: the panel doesn't mention them.
    client.force_login(editor)
    html = unescape(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "à modérer" not in html[html.index('id="andelis-colloques-content"') :]
