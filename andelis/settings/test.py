"""Test settings: the real PostgreSQL (DATABASE_URL), fast hashing, in-memory media."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/andelis")
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://testserver")

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS, STORAGES

DEBUG = False
ALLOWED_HOSTS = ["*"]
# The demo content is loaded by tests; production has no such app.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker or command started by a test is given the test's folder (DJANGO_MEDIA_ROOT).
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT") or tempfile.mkdtemp(prefix="andelis-test-media-")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WAGTAILADMIN_BASE_URL = "http://testserver"

# `make test` migrates one template database and every worker clones it.
if os.environ.get("ANDELIS_TEST_TEMPLATE"):
    from .base import DATABASES
    from .test_template import template_name

    DATABASES["default"]["TEST"] = {"TEMPLATE": template_name(DATABASES["default"]["NAME"])}

SERVE_MEDIA_FILES = True

# The live server's threads must not keep connections open past a test.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# Static files straight from the source folders: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The comment rate limit runs against the real local Redis, as in production. Each
# test process (pytest-xdist worker) gets its own key prefix, so runs and workers
# never share counts; tests that count posts take a fresh prefix of their own.
CACHES = {
    **CACHES,
    "ratelimit": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"andelis-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}",
        "TIMEOUT": 900,
    },
}

# The site's own address: the test client's host unless a test sets another.
ANDELIS_SITE_URL = WAGTAILADMIN_BASE_URL

# Two-factor authentication: off, so that tests log in with a password; the
# tests of core.twofactor turn it on with override_settings.
ANDELIS_2FA_REQUIRED = False
ANDELIS_2FA_REQUIRED_FOR_EDITORS = False

# Fragment caching: none by default (a test that changes a row without a signal, then
# reads the page again, sees the change); tests/core/test_fragments.py gives its tests a
# cache of their own.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
ANDELIS_FRAGMENT_CACHE = "fragments"
