"""Production settings, with the benchmark's URLs and its own cache key prefix."""

import os

from andelis.settings.production import *  # noqa: F403
from andelis.settings.production import CACHES, INSTALLED_APPS

ROOT_URLCONF = f"{__package__}.urls"

# Fragments of this run only, deleted by the benchmark when it stops.
if "BENCH_CACHE_PREFIX" in os.environ and CACHES["default"].get("KEY_PREFIX"):
    CACHES["default"]["KEY_PREFIX"] = os.environ["BENCH_CACHE_PREFIX"]

# The benchmark serves the demo colloquium (`load_demo_content`) beside its own pages.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
