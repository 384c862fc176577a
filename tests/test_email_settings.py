"""E-mail goes through SMTP configured from the environment in production, the console
in `make run`, and memory in tests."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]

PRINT_EMAIL_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL, s.REGISTRATION_RETENTION_MONTHS, sep='|')"
)


def email_settings(module, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "ANDELIS_", "EMAIL_", "REGISTRATION_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=module,
        DJANGO_SECRET_KEY="k" * 50,
        DATABASE_URL="sqlite:////tmp/unused.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/15",
        **environment,
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", PRINT_EMAIL_SETTINGS],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split("|")


def test_production_sends_through_smtp_configured_from_the_environment():
    values = email_settings(
        "andelis.settings.production",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="andelis",
        EMAIL_USE_TLS="True",
        DJANGO_DEFAULT_FROM_EMAIL="ANDELIS <colloques@example.org>",
        REGISTRATION_RETENTION_MONTHS="3",
    )
    assert values == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "andelis",
        "True",
        "ANDELIS <colloques@example.org>",
        "3",
    ]


def test_make_run_prints_emails_to_the_console():
    assert email_settings("andelis.settings.dev")[0] == (
        "django.core.mail.backends.console.EmailBackend"
    )


def test_tests_keep_emails_in_memory():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert settings.REGISTRATION_RETENTION_MONTHS == 6
