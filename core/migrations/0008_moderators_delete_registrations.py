"""Moderators may delete one person's registration (core.roles)."""

from django.db import migrations


def grant(apps, schema_editor):
    from core.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_comment_email_erased_after_retention"),
        ("events", "0002_editor_labels"),
        ("events", "0002_event_registration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
