"""Text extraction is queued when a document's file is new (upload or replacement)."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save


def queue_text_extraction(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_text_extraction_needed", False):
        return
    instance._text_extraction_needed = False
    from core.tasks import extract_document_text

    # After the commit: the task (maybe in another process) must see the new file.
    transaction.on_commit(partial(extract_document_text.enqueue, instance.pk))


def register_signal_handlers():
    from wagtail.documents import get_document_model

    from core import worker

    worker.register_signal_handlers()

    post_save.connect(
        queue_text_extraction,
        sender=get_document_model(),
        dispatch_uid="core_queue_text_extraction",
    )
