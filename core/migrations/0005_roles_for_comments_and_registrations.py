"""Moderators get the comment and registration permissions now that both models exist."""

from django.db import migrations


def grant(apps, schema_editor):
    from core.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_roles"),
        ("core", "0003_visitor_comments"),
        ("events", "0002_editor_labels"),
        ("events", "0002_event_registration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
