"""manage.py update_oai_records: compare every harvestable record with the published talks."""

from django.core.management.base import BaseCommand

from oai.harvest import sync


class Command(BaseCommand):
    help = (
        "Bring the OAI-PMH records up to date with the published talks: new talks added, "
        "changed ones re-dated, withdrawn ones marked deleted. Run after loading content "
        "and at each deploy."
    )

    def handle(self, *args, **options):
        from oai.models import HarvestRecord

        changed = sync()
        total = HarvestRecord.objects.count()
        deleted = HarvestRecord.objects.filter(deleted=True).count()
        self.stdout.write(
            f"{changed} OAI-PMH records created or changed; {total} in all, {deleted} deleted"
        )
