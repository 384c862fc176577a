from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Colloques"

    def ready(self):
        from events import page_changes
        from events.registration import signals

        signals.connect()
        page_changes.connect()
