"""Fixtures of the front-cache tests: a recording purge backend, Varnish before the live server."""

from urllib.parse import urlsplit

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.varnish import varnish  # noqa: F401  (the fixture)


class RecordingBackend(BaseBackend):
    """Wagtail's frontend-cache backend interface, keeping the URLs it is asked to purge."""

    urls = []

    def purge(self, url):
        RecordingBackend.urls.append(url)


@pytest.fixture
def purges(settings, django_capture_on_commit_callbacks):
    """``purges(action)``: run ``action()`` (then its transaction's on-commit callbacks)
    and return the set of paths purged meanwhile."""
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.frontcache.conftest.RecordingBackend"}
    }

    def run(action):
        RecordingBackend.urls = []
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return {urlsplit(url).path for url in RecordingBackend.urls}

    return run


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, stopped before the test databases are dropped."""
    return live_server
