"""Error views that work when nothing else does.

Django calls ``handler500`` while it handles the exception, so the view can tell a
database that is down, hung or too slow (``OperationalError``, ``InterfaceError``,
from any view or middleware) from a bug: the first is a 503 with ``Retry-After``,
which load balancers and the front cache understand as "try again", the second a
500. Both pages are rendered without the request: no context processor, no query.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable():
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(settings.DATABASE_UNAVAILABLE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable()
    response = HttpResponseServerError(loader.get_template(template_name).render())
    response["Cache-Control"] = "no-store"
    return response
