"""Settings of the search benchmark: production settings on a database of its own.

The database is ``BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/andelis_bench``); the benchmark drops and
rebuilds it unless told to keep its data. Uploads of the sample PDFs go to
``BENCH_MEDIA_ROOT`` (default ``bench/results/media``, git-ignored).
"""

import os
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/andelis_bench"
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-never-deployed")
os.environ.setdefault("DATABASE_URL", BENCH_DATABASE_URL)
os.environ.setdefault("WAGTAILADMIN_BASE_URL", "http://127.0.0.1")

from andelis.settings.base import *  # noqa: E402, F403
from andelis.settings.base import DATABASES, STORAGES, env  # noqa: E402

DATABASES["default"] = {**env.db_url_config(BENCH_DATABASE_URL), "CONN_MAX_AGE": 60}

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MEDIA_ROOT = os.environ.get(
    "BENCH_MEDIA_ROOT", str(Path(__file__).resolve().parent / "results" / "media")
)
# No collectstatic before a benchmark: static URLs without the manifest.
STATIC_ROOT = None
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
