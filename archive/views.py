"""The admin's "Exporter une copie autonome" (archive/wagtail_hooks.py, docs/export.md)."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from archive.export import ColloquiumExport, ExportError, default_filename
from events.models import EventPage


def can_export(event, user):
    """Whoever may edit the colloquium's page (Éditeurs, Modérateurs)."""
    return event.permissions_for_user(user).can_edit()


def export_colloquium_view(request, page_id):
    """The zip of the colloquium as a download. A GET: the copy reads, it changes nothing.

    The copy is made during the request, in a temporary file deleted once sent: its
    time grows with the documents' size (docs/export.md).
    """
    event = get_object_or_404(EventPage, pk=page_id)
    if not can_export(event, request.user):
        raise PermissionDenied
    made_at = timezone.now()
    try:
        export = ColloquiumExport(event, made_at=made_at)
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("wagtailadmin_pages:edit", event.pk)
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    try:
        export.write(file)
    except ExportError as error:
        file.close()
        messages.error(request, str(error))
        return redirect("wagtailadmin_pages:edit", event.pk)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=default_filename(event, made_at),
        content_type="application/zip",
    )
