"""Production is safe by default; visitors and editors get French and Paris time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "DATABASE_URL", "ANDELIS_", "REDIS_URL", "WAGTAILADMIN_BASE_URL")
        )
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_production_deploy_check_reports_no_issue():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="andelis.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-for-the-check",
        DJANGO_ALLOWED_HOSTS="andelis.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/andelis",
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL="https://andelis.example",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "WAGTAILADMIN_BASE_URL"]
)
def test_production_refuses_to_start_without_its_secrets(missing):
    environment = {
        "DJANGO_SETTINGS_MODULE": "andelis.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-check",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/andelis",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "WAGTAILADMIN_BASE_URL": "https://andelis.example",
    }
    del environment[missing]
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_is_not_in_debug_and_has_no_default_hosts():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        DJANGO_SETTINGS_MODULE="andelis.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-the-check",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/andelis",
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL="https://andelis.example",
    )
    assert result.stdout.strip().splitlines()[-1] == "False []", result.stderr


def test_site_speaks_french_in_paris_time():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"


def test_admin_login_is_in_french(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="fr"' in content
    assert "Nom d’utilisateur" in content
    assert "S'identifier" in content
    assert "Se souvenir de moi" in content


def test_production_collects_static_files_with_hashed_names(tmp_path):
    result = run_manage(
        "collectstatic",
        "--no-input",
        "-v",
        "0",
        DJANGO_SETTINGS_MODULE="andelis.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-the-check",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/andelis",
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL="https://andelis.example",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/site.css"' in manifest
    assert list(tmp_path.glob("css/site.*.css.gz"))


@pytest.mark.parametrize(
    "address", ["", "127.0.0.1:8000", "colloques.andelis.fr", "https://andelis.example/admin/"]
)
def test_production_refuses_a_wagtailadmin_base_url_that_is_not_an_address(address):
    """E-mails must not link to a development default or to a broken address."""
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="andelis.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-the-check",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/andelis",
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL=address,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the WAGTAILADMIN_BASE_URL environment variable" in (
        result.stderr
    )


def test_production_uses_the_wagtailadmin_base_url_it_is_given():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        DJANGO_SETTINGS_MODULE="andelis.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-for-the-check",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/andelis",
        REDIS_URL="redis://127.0.0.1:6379/0",
        WAGTAILADMIN_BASE_URL="https://colloques.andelis.fr",
    )
    assert result.stdout.strip().splitlines()[-1] == "https://colloques.andelis.fr", result.stderr
