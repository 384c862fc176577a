from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Colloques"

    def ready(self):
        from core.roles import EDITORS, MODERATORS, grant
        from events import page_changes

        page_changes.connect()
        # The snippets editors reuse from one colloquium to the next: they create and
        # edit them; nobody deletes a shared snippet by accident.
        snippets = [
            f"events.{action}_{model}"
            for model in ("venue", "person", "partner")
            for action in ("add", "change", "view")
        ]
        grant(EDITORS, snippets)
        grant(MODERATORS, snippets)
