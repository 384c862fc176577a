from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Colloques"

    def ready(self):
        from events import page_changes
        from events.registration import retention, signals

        signals.connect()
        retention.register()
        page_changes.connect()
