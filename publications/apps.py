from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self):
        from core.models import ColloquiumDocument
        from publications import document_context, page_changes

        page_changes.connect()
        if document_context.talks_and_events not in ColloquiumDocument.search_context_providers:
            ColloquiumDocument.search_context_providers.append(document_context.talks_and_events)
