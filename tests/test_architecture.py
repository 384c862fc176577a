"""Dependencies go one way between the apps (pyproject.toml's [tool.importlinter],
docs/architecture.md), and the demo content is not part of production."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = [
    "core",
    "comments",
    "registrations",
    "events",
    "publications",
    "home",
    "search",
    "oai",
    "archive",
    "demo",
]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "andelis.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "andelis.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/andelis",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://andelis.example",
}


def lint_imports(folder):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_of_the_code(tmp_path):
    """The apps' Python files and the contracts, somewhere a test may change them."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                name
                for name in names
                if not name.endswith(".py") and not (Path(folder) / name).is_dir()
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_apps_depend_one_way():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_core_into_an_app_above_it_breaks_the_build(tmp_path):
    code = copy_of_the_code(tmp_path)
    assert lint_imports(code).returncode == 0

    with open(code / "core" / "models.py", "a") as models:
        models.write("\nfrom events.models import EventPage  # noqa\n")
    result = lint_imports(code)

    assert result.returncode != 0
    assert "core is not allowed to import events" in result.stdout
    assert "core.models -> events.models" in result.stdout


def test_registrations_may_not_import_the_event_pages(tmp_path):
    code = copy_of_the_code(tmp_path)
    with open(code / "registrations" / "views.py", "a") as views:
        views.write("\nfrom events.models import EventPage  # noqa\n")
    result = lint_imports(code)

    assert result.returncode != 0
    assert "registrations is not allowed to import events" in result.stdout


def test_production_has_no_demo_content_app():
    installed = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(sorted(settings.INSTALLED_APPS))",
        **PRODUCTION,
    )
    assert installed.returncode == 0, installed.stderr
    assert "'comments'" in installed.stdout
    assert "'registrations'" in installed.stdout
    assert "'demo'" not in installed.stdout

    loader = run_manage("load_demo_content", **PRODUCTION)
    assert loader.returncode != 0
    assert "Unknown command: 'load_demo_content'" in loader.stderr


def test_development_and_tests_have_the_demo_content_app():
    from django.conf import settings

    assert "demo" in settings.INSTALLED_APPS
    dev = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print('demo' in settings.INSTALLED_APPS)",
        DJANGO_SETTINGS_MODULE="andelis.settings.dev",
    )
    assert dev.stdout.strip().endswith("True"), dev.stderr
