from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Inscriptions"

    def ready(self):
        from core.roles import MODERATORS, grant
        from registrations import retention, signals

        signals.connect()
        retention.register()
        # Moderators see the registrations (and export them) and may delete one
        # person's registration; nobody edits one by hand (docs/roles.md).
        grant(MODERATORS, ["registrations.view_registration", "registrations.delete_registration"])
