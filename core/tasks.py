"""Background work on documents (django-tasks, shipped with Wagtail 8).

Which backend runs them is the ``TASKS`` setting: immediate in development and
tests; see docs/search.md for production.
"""

from django_tasks import task


@task()
def extract_document_text(document_id):
    """Read a document's text into the search index (see core/extraction.py)."""
    from wagtail.documents import get_document_model

    from core.extraction import store_extraction

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:  # deleted before its turn came
        return None
    return store_extraction(document).status
