"""Visitors' comments, formerly core.Comment: the model takes over the table core_comment
as it is (no SQL), and its content type moves to this app."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
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
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Comment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('author_name', models.CharField(max_length=80, verbose_name='nom')),
                        ('email', models.EmailField(blank=True, help_text='Jamais affichée sur le site ; effacée quelques mois après le commentaire (COMMENTS_EMAIL_RETENTION_MONTHS).', max_length=254, verbose_name='adresse e-mail')),
                        ('text', models.TextField(verbose_name='commentaire')),
                        ('status', models.CharField(choices=[('pending', 'À modérer'), ('approved', 'Publié'), ('rejected', 'Refusé')], default='pending', help_text='Seuls les commentaires publiés sont visibles sur le site.', max_length=20, verbose_name='statut')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date')),
                        ('reply', models.TextField(blank=True, help_text="Publiée sous le commentaire, avec la mention « Réponse de l'ANDELIS ». Texte simple : les retours à la ligne sont conservés.", verbose_name="réponse de l'ANDELIS")),
                        ('reply_author', models.CharField(blank=True, help_text='Facultatif : le nom de la personne qui répond, par exemple « Emmanuel Weislo ».', max_length=80, verbose_name='signature de la réponse')),
                        ('replied_at', models.DateTimeField(blank=True, null=True, verbose_name='date de la réponse')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='visitor_comments', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='page')),
                    ],
                    options={
                        'verbose_name': 'commentaire',
                        'verbose_name_plural': 'commentaires',
                        'db_table': 'core_comment',
                        'ordering': ['created_at', 'pk'],
                        'indexes': [models.Index(fields=['page', 'status', 'created_at'], name='core_commen_page_id_5bfa53_idx')],
                    },
                ),
            ],
        ),
        migrations.RunPython(*move_content_type('core', 'comments', 'comment')),
    ]
