"""Registrations, formerly events.Registration: the model takes over the table
events_registration as it is (no SQL), and its content type moves to this app."""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


def move_content_type(old_app_label, new_app_label, model):
    """Give the model's content type its new app label: its permissions (and the
    groups holding them) and the admin's history of its rows follow."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        old = ContentType.objects.filter(app_label=old_app_label, model=model)
        if ContentType.objects.filter(app_label=new_app_label, model=model).exists():
            old.delete()
        else:
            old.update(app_label=new_app_label)
        ContentType.objects.clear_cache()
        # The roles name the permissions under their new label (core/roles.py).
        from core.roles import sync_roles

        sync_roles(apps)

    def backwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=new_app_label, model=model).update(
            app_label=old_app_label
        )
        ContentType.objects.clear_cache()

    return forwards, backwards


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0009_comment_moves_to_comments_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('events', '0004_registration_moves_to_registrations_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='nom')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('organisation', models.CharField(blank=True, max_length=200, verbose_name='organisme')),
                        ('role', models.CharField(blank=True, max_length=200, verbose_name='fonction')),
                        ('accessibility_needs', models.TextField(blank=True, verbose_name="besoins d'accessibilité")),
                        ('status', models.CharField(choices=[('confirmed', 'Inscrit'), ('waitlisted', "Liste d'attente"), ('cancelled', 'Annulé')], default='confirmed', max_length=20, verbose_name='statut')),
                        ('consent_given_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='consentement donné le')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='inscrit le')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='modifié le')),
                        ('personal_data_erased_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='données personnelles effacées le')),
                        ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='events.eventpage', verbose_name='colloque')),
                    ],
                    options={
                        'verbose_name': 'inscription',
                        'verbose_name_plural': 'inscriptions',
                        'db_table': 'events_registration',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['event', 'status', 'created_at'], name='events_regi_event_i_436663_idx')],
                        'constraints': [models.UniqueConstraint(models.F('event'), django.db.models.functions.text.Lower('email'), condition=models.Q(models.Q(('status', 'cancelled'), _negated=True), models.Q(('email', ''), _negated=True)), name='registration_one_per_email_and_event', violation_error_message='Cette adresse e-mail est déjà inscrite à ce colloque.')],
                    },
                ),
            ],
        ),
        migrations.RunPython(*move_content_type('events', 'registrations', 'registration')),
    ]
