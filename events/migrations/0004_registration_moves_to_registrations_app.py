"""Registrations become an app of their own (registrations/migrations/0001_initial.py); the
table events_registration stays, with its rows: only Django's idea of where the model lives moves."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0002_editor_labels'),
        ('events', '0002_event_registration'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Registration',
                ),
            ],
        ),
    ]
