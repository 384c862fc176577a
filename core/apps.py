from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Commun"

    def ready(self):
        from core import fragments, frontcache, page_changes
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
        # The front cache hears core.signals.pages_changed; core's models send it too.
        frontcache.connect()
        page_changes.connect()
        # So do the fragment caches (docs/performance.md).
        fragments.connect_receivers()
