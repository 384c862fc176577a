"""Local development: SQLite, console e-mail, insecure key. Never deploy this."""

import contextlib
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
# The site's own address: `make run` passes PORT, and links (e-mails, .ics, sitemap,
# canonical) name 127.0.0.1 on that port (`manage.py sync_site_address`).
os.environ.setdefault("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 8000}")
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parents[2] / 'db.sqlite3'}"
)

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, REDIS_URL, STORAGES, env

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# `make run` needs no Redis: without REDIS_URL the comment rate limit counts in this
# process's memory (base.py), which django-ratelimit's check refuses because it is
# not shared between processes. One runserver process is all there is here.
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Two-factor authentication: off, so that `make run`'s demo accounts (editeur,
# moderateur) log in with their password alone. ANDELIS_2FA_REQUIRED=1 tries it.
ANDELIS_2FA_REQUIRED = env.bool("ANDELIS_2FA_REQUIRED", default=False)

# The demo content and accounts (`make run` loads them); production has no such app.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
