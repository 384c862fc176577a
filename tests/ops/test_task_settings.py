"""Which task backend each environment runs, and which db_worker command is run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import django; django.setup();"
    "from django.conf import settings; from django.core.management import get_commands;"
    "print(settings.TASKS['default']['BACKEND'], get_commands()['db_worker'])"
)


def settings_of(module, **extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_TASKS_BACKEND", "ANDELIS_TEST_TEMPLATE"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=module,
        DJANGO_SECRET_KEY="a-key-for-this-test-only",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **extra,
    )
    output = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return output.stdout.split()


@pytest.mark.parametrize(
    ("module", "backend"),
    [
        ("andelis.settings.production", "django_tasks_db.DatabaseBackend"),
        ("andelis.settings.dev", "django_tasks.backends.immediate.ImmediateBackend"),
        ("andelis.settings.test", "django_tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_production_queues_tasks_for_the_worker_and_the_others_run_them_at_once(module, backend):
    # The project's db_worker (app "core") is the one manage.py runs, in every environment.
    assert settings_of(module) == [backend, "core"]


def test_the_environment_chooses_another_backend():
    backend = "django_tasks.backends.immediate.ImmediateBackend"
    assert settings_of("andelis.settings.production", DJANGO_TASKS_BACKEND=backend)[0] == backend
