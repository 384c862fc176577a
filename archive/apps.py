from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Self-contained copies of a colloquium: static HTML, styles, images and documents in
    one zip that opens with no server (docs/export.md)."""

    name = "archive"
    verbose_name = "Copies autonomes des colloques"
