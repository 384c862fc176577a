"""Comments become an app of their own (comments/migrations/0001_initial.py); the table
core_comment stays, with its rows: only Django's idea of where the model lives moves."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0008_moderators_delete_registrations'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Comment',
                ),
            ],
        ),
    ]
