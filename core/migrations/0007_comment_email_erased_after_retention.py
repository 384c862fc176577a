from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_merge_document_text_and_roles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='comment',
            name='email',
            field=models.EmailField(blank=True, help_text='Jamais affichée sur le site ; effacée quelques mois après le commentaire (COMMENTS_EMAIL_RETENTION_MONTHS).', max_length=254, verbose_name='adresse e-mail'),
        ),
    ]
