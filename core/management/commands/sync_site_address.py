"""Write the site's public address (ANDELIS_SITE_URL) into Wagtail's default Site."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.site_address import sync_site_address


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from ANDELIS_SITE_URL "
        "(default: WAGTAILADMIN_BASE_URL), so that absolute links are right. Run at deploy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="Use this address instead of ANDELIS_SITE_URL")

    def handle(self, *args, url=None, **options):
        try:
            site, changed = sync_site_address(url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            self.stdout.write("Aucun site par défaut : rien à changer.")
        elif changed:
            self.stdout.write(f"Adresse du site : {site.root_url}")
        else:
            self.stdout.write(f"Adresse du site inchangée : {site.root_url}")
