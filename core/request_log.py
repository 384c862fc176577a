"""One log line per request, tagged with a request id that the proxies and the logs share.

The TLS proxy in front gives every request an ``X-Request-ID`` (nginx: ``$request_id``);
Varnish passes it on. This middleware keeps it when it looks like an id (letters, digits,
``.``, ``_``, ``:``, ``-``; at most 128 characters), and makes one otherwise, so that a
visitor cannot write what they like into the logs. The id goes back on the response, is
available to every other log line of the request (``RequestLogFilter``), and ends the
request's own line, written as JSON by the ``andelis.requests`` logger::

    {"method": "GET", "path": "/colloques/", "status": 200, "duration_ms": 12.4,
     "request_id": "3f0c..."}

The query string is never logged (a search, an e-mail address in a link), and the path
segments that are secrets (a registration's personal link, a password-reset link) are
replaced by ``…``: see ``REQUEST_LOG_SECRET_PATHS``.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver

REQUEST_ID_HEADER = "X-Request-ID"
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
HIDDEN = "…"

logger = logging.getLogger("andelis.requests")

NO_REQUEST = "-"
current_request_id = contextvars.ContextVar("request_id", default=NO_REQUEST)


def make_request_id():
    return uuid.uuid4().hex


def request_id_from(request):
    proposed = request.headers.get(REQUEST_ID_HEADER, "")
    if VALID_REQUEST_ID.fullmatch(proposed):
        return proposed
    return make_request_id()


def loggable_path(path):
    """The path with its secret segments hidden; the query string is not part of it."""
    for pattern in _secret_path_patterns():
        path = pattern.sub(_hide_secret, path)
    return path


def _hide_secret(match):
    """The match with its first group (the secret) replaced."""
    text, start = match.group(0), match.start(0)
    return text[: match.start(1) - start] + HIDDEN + text[match.end(1) - start :]


_compiled = {}


def _secret_path_patterns():
    patterns = tuple(settings.REQUEST_LOG_SECRET_PATHS)
    if patterns not in _compiled:
        _compiled.clear()
        _compiled[patterns] = [re.compile(pattern) for pattern in patterns]
    return _compiled[patterns]


class RequestLogMiddleware:
    """First in ``MIDDLEWARE``: its duration covers every other middleware and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_from(request)
        request.request_id = request_id
        # Kept until the response is closed (request_finished): Django logs a 4xx after
        # the middleware has returned.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        logger.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": loggable_path(request.path),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "request_id": request_id,
                },
                ensure_ascii=False,
            ),
            extra={"request_id": request_id, "status_code": response.status_code},
        )
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    current_request_id.set(NO_REQUEST)


class RequestLogFilter(logging.Filter):
    """Gives every log record the id of the request it was written during (``-`` outside
    any), and hides the secret path segments in Django's own lines about a request
    ("Not Found: /colloques/.../inscription/<token>/")."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        if hasattr(record, "request") and isinstance(record.args, tuple):
            record.args = tuple(
                loggable_path(argument)
                if isinstance(argument, str) and argument.startswith("/")
                else argument
                for argument in record.args
            )
        return True
