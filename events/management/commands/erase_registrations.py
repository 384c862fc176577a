"""The former name of ``manage.py erase_personal_data``, kept for existing cron jobs.

It does the same: registrations and comment authors' e-mail addresses. Its
``--months`` is the former name of ``--registration-months``.
"""

from core.management.commands.erase_personal_data import Command as EraseCommand


class Command(EraseCommand):
    help = "Ancien nom de erase_personal_data, qui fait la même chose. " + EraseCommand.help

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            dest="registration_months_alias",
            help="Ancien nom de --registration-months.",
        )

    def handle(self, *args, registration_months_alias=None, **options):
        if registration_months_alias is not None:
            options["registration_months"] = registration_months_alias
        return super().handle(*args, **options)
