"""A database migrated before comments and registrations became apps of their own
keeps its comments, registrations and moderators' rights once migrated to today's leaf
(comments/migrations/0001_initial.py, registrations/migrations/0001_initial.py), and the
merge migrations that were folded away do not stop it (docs/architecture.md)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from comments.models import Comment
from core.roles import MODERATORS
from registrations.models import Registration
from tests.factories import EventPageFactory, ProceedingsPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [
    ("core", "0008_moderators_delete_registrations"),
    ("events", "0002_editor_labels"),
    ("events", "0002_event_registration"),
]
# Recorded as applied in such a database; their files are gone (they had no operations).
FOLDED_MERGES = [
    ("core", "0004_merge_0003_roles_0003_visitor_comments"),
    ("events", "0003_merge_0002_editor_labels_0002_event_registration"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def test_comments_and_registrations_written_before_the_move_are_still_there(client, admin_client):
    proceedings = ProceedingsPageFactory(title="Traces du colloque")
    event = EventPageFactory(title="Colloque de Marseille")
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()

    executor = migrate([*BEFORE_THE_MOVE, ("comments", None), ("registrations", None)])
    before = executor.loader.project_state(BEFORE_THE_MOVE).apps
    before.get_model("core", "Comment").objects.create(
        page_id=proceedings.pk,
        author_name="marion13",
        email="marion13@example.org",
        text="Faut-il s'inscrire ?",
        status="approved",
    )
    before.get_model("events", "Registration").objects.create(
        event_id=event.pk, name="Camille Martin", email="camille@example.org", status="confirmed"
    )
    assert ContentType.objects.filter(app_label="core", model="comment").exists()
    recorder = MigrationRecorder(connection)
    for app, name in FOLDED_MERGES:
        recorder.record_applied(app, name)

    try:
        migrate(leaves)
    finally:
        for app, name in FOLDED_MERGES:
            recorder.record_unapplied(app, name)

    assert Comment.objects.get().author_name == "marion13"
    assert "Faut-il s&#x27;inscrire ?" in client.get(proceedings.url).content.decode()
    assert Registration.objects.get().event_id == event.pk
    listing = admin_client.get("/admin/registrations/").content.decode()
    assert "Camille Martin" in listing
    # The moderators' rights followed the models to their new apps.
    moderators = Group.objects.get(name=MODERATORS)
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in moderators.permissions.all()}
    assert {"comments.change_comment", "registrations.view_registration"} <= granted
    assert not ContentType.objects.filter(app_label="core", model="comment").exists()
    assert not ContentType.objects.filter(app_label="events", model="registration").exists()
