from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Commun"

    def ready(self):
        from core import fragments
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
        fragments.connect_receivers()
