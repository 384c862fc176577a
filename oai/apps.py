from django.apps import AppConfig


class OaiConfig(AppConfig):
    """OAI-PMH 2.0: the talks of every colloquium's proceedings, for open-archive harvesters
    (docs/oai-pmh.md)."""

    name = "oai"
    verbose_name = "Moissonnage OAI-PMH"

    def ready(self):
        from oai import signal_handlers

        signal_handlers.connect()
