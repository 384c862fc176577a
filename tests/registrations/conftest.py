"""Fixtures of the registration tests: those of the events tests (e-mails leave on commit)."""

from tests.events.conftest import admin_client, client, committed  # noqa: F401
