"""A new site starts with the association's home page, not Wagtail's welcome page."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's "Welcome to your new Wagtail site!" page (wagtailcore 0002), and its site.
    welcome = Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if welcome is None or welcome.numchild:
        return
    path = welcome.path
    welcome.delete()

    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="ANDELIS",
        draft_title="ANDELIS",
        slug="accueil",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="ANDELIS", root_page=home, is_default_site=True
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    # Its Site goes with it (CASCADE); `migrate home zero` leaves the root without a site.
    HomePage.objects.filter(depth=2, slug="accueil", numchild=0).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
