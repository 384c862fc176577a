"""The two roles: editors write and submit, moderators publish (core/roles.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission, Page

from core.roles import EDITORS, MODERATORS, TASK_NAME, WORKFLOW_NAME, sync_roles
from events.models import EventPage
from home.models import HomePage
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def page_permission_types(group, page):
    return sorted(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_migration_creates_both_roles_on_the_home_page():
    home = HomePage.objects.get()
    editors, moderators = Group.objects.get(name=EDITORS), Group.objects.get(name=MODERATORS)
    assert page_permission_types(editors, home) == ["add_page", "change_page"]
    assert "publish_page" in page_permission_types(moderators, home)
    # Wagtail's English placeholder groups are gone: one set of roles, in French.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_moderation_workflow_covers_the_events_section():
    event = EventPageFactory()
    workflow = event.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    [task] = workflow.tasks.specific()
    assert task.name == TASK_NAME
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]


def test_editor_may_edit_and_submit_but_not_publish(editor, moderator):
    event = EventPageFactory()
    editor_perms = event.permissions_for_user(editor)
    assert editor_perms.can_edit()
    assert not editor_perms.can_publish()
    assert event.get_parent().permissions_for_user(editor).can_add_subpage()
    assert not event.get_parent().permissions_for_user(editor).can_publish_subpage()
    assert event.permissions_for_user(moderator).can_publish()


@pytest.mark.parametrize(
    "codename",
    [
        "wagtailadmin.access_admin",
        "events.add_venue",
        "events.change_person",
        "events.add_partner",
    ],
)
def test_both_roles_reach_the_admin_and_the_snippets(editor, moderator, codename):
    assert editor.has_perm(codename)
    assert moderator.has_perm(codename)


def test_editors_do_not_delete_shared_snippets(editor):
    assert not editor.has_perm("events.delete_partner")


def test_editors_upload_documents_and_images_in_the_root_collection(editor):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    root = Collection.get_first_root_node()
    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        assert policy.user_has_permission(editor, "add")
        assert root in policy.collections_user_has_permission_for(editor, "choose")


def test_sync_roles_is_idempotent():
    before = GroupPagePermission.objects.count()
    report = sync_roles()
    assert report.granted == 0
    assert report.missing == []
    assert GroupPagePermission.objects.count() == before


def test_sync_roles_names_a_permission_whose_model_is_not_there_yet(monkeypatch):
    from core import roles

    role = roles.ROLES[MODERATORS]
    monkeypatch.setitem(
        roles.ROLES,
        MODERATORS,
        roles.Role(
            name=role.name,
            permissions=[*role.permissions, "core.moderate_something_new"],
            page_permissions=role.page_permissions,
            collection_permissions=role.collection_permissions,
            moderates=True,
        ),
    )
    report = sync_roles()
    assert "core.moderate_something_new" in str(report)


def test_moderators_moderate_comments_and_see_registrations(editor, moderator):
    for codename in (
        "comments.change_comment",
        "registrations.view_registration",
        "registrations.delete_registration",
    ):
        assert moderator.has_perm(codename)
        assert not editor.has_perm(codename)


def test_sync_roles_restores_a_removed_grant_and_keeps_extra_ones():
    editors = Group.objects.get(name=EDITORS)
    home = HomePage.objects.get()
    GroupPagePermission.objects.filter(group=editors, permission__codename="add_page").delete()
    GroupPagePermission.objects.create(group=editors, page=home, permission_type="lock")

    report = sync_roles()

    assert report.granted == 1
    assert page_permission_types(editors, home) == ["add_page", "change_page", "lock_page"]


def test_sync_roles_on_a_tree_without_a_site_uses_the_tree_root():
    from wagtail.models import Site, WorkflowPage

    Site.objects.all().delete()
    GroupPagePermission.objects.all().delete()
    WorkflowPage.objects.all().delete()

    sync_roles()

    root = Page.get_first_root_node()
    assert page_permission_types(Group.objects.get(name=EDITORS), root) == [
        "add_page",
        "change_page",
    ]
    assert WorkflowPage.objects.get(page=root).workflow.name == WORKFLOW_NAME


def test_editor_reaches_the_admin_dashboard(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Tableau de bord" in response.content.decode()


def test_editor_cannot_publish_by_posting_the_publish_action(client, editor):
    event = EventPageFactory(title="Colloque 2026")
    index = EventIndexPageFactory()
    client.force_login(editor)
    data = {
        "title": "Colloque 2026 modifié",
        "slug": event.slug,
        "start": "2026-11-20 09:00",
        "end": "2026-11-20 16:30",
        "status": "scheduled",
        "is_free": "on",
        "action-publish": "action-publish",
    }
    for prefix in ("programme_items", "speakers", "event_partners", "images", "comments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)

    # Wagtail treats it as "save draft": the change waits, nothing goes live.
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Colloque 2026"
    assert event.draft_title == "Colloque 2026 modifié"
    assert event.has_unpublished_changes
    assert not EventPage.objects.child_of(index).live().filter(title__endswith="modifié").exists()
