"""Drop every page's fragments and stored addresses (core/fragments.py): run at deploy."""

from django.core.management.base import BaseCommand

from core.fragments import replace_site_token


class Command(BaseCommand):
    help = (
        "Replace the site's fragment token: every page is rendered and routed again on its "
        "next visit. Run after deploying a new version (templates or page types changed)."
    )

    def handle(self, *args, **options):
        replace_site_token()
        self.stdout.write("Fragments des pages abandonnés : chaque page sera recalculée.")
