"""Asking the site for one of its addresses, as an anonymous visitor would, without a server.

The copy shows the pages as visitors see them, so it renders them the way a visit does:
the address is resolved by the project's URLconf (``andelis.urls``), and the view it names
is called, so a page goes through Wagtail's ``serve`` (routing, ``before_serve_page``
hooks, the page's ``serve``, its template). The request is a real ``WSGIRequest`` on the
site's own host and scheme, with an anonymous user and an empty session, built here rather
than with Django's test client: nothing from ``django.test`` runs in production.

The middleware is not run: it adds headers (security policies, sessions, locale) that a
file in a zip has no use for, and running it inside an editor's request would end that
request's database connection (``request_finished``). What templates need from it is set
on the request here: the user, the session, French as the language.

``request.is_export`` tells templates (and the fragment cache, core/fragments.py) that the
page is being copied: they leave out what cannot work from a folder (docs/export.md).
"""

import io
import sys
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import translation


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    content: bytes

    @property
    def is_html(self):
        return self.content_type.split(";")[0].strip().lower() == "text/html"


class SiteVisitor:
    """Renders addresses of ``site`` (a Wagtail ``Site``) for the copy made at ``made_at``."""

    def __init__(self, site, made_at):
        self.site = site
        self.made_at = made_at
        parts = urlsplit(site.root_url)
        self.scheme = parts.scheme
        self.host = parts.netloc

    def request(self, path, query=""):
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": self.site.hostname,
            "SERVER_PORT": str(self.site.port),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": self.host,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": self.scheme,
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": True,
        }
        request = WSGIRequest(environ)
        request.user = AnonymousUser()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        request.is_export = True
        request.export_made_at = self.made_at
        return request

    def get(self, path, query=""):
        """The answer to a GET of ``path``: 404 for an address nothing answers."""
        request = self.request(path, query)
        try:
            match = resolve(path)
        except Resolver404:
            return Answer(404, "", b"")
        with translation.override(settings.LANGUAGE_CODE):
            try:
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            except Http404:
                return Answer(404, "", b"")
            except PermissionDenied:
                return Answer(403, "", b"")
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        return Answer(response.status_code, response.get("Content-Type", ""), content)
