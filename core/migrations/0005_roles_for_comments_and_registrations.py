"""Moderators get the comment and registration permissions now that both models exist."""

from django.db import migrations


def grant(apps, schema_editor):
    from core.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_merge_0003_roles_0003_visitor_comments"),
        ("events", "0003_merge_0002_editor_labels_0002_event_registration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
