from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
