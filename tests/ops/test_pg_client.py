"""pg_dump and pg_restore must be those of the server's major version."""

import subprocess

import pytest
from django.core.management import CommandError, call_command

from core import backup


@pytest.fixture
def older_client(tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    return tmp_path


def test_a_client_of_another_version_is_passed_over(db, settings, older_client):
    settings.ANDELIS_PG_BIN_DIR = str(older_client)

    chosen = backup.pg_binary("pg_dump")

    assert chosen != str(older_client / "pg_dump")
    version = subprocess.run([chosen, "--version"], capture_output=True, text=True).stdout
    assert f"(PostgreSQL) {backup.server_major_version()}." in version


def test_without_a_matching_client_the_backup_says_what_to_install(
    db, settings, older_client, monkeypatch, tmp_path
):
    settings.ANDELIS_PG_BIN_DIR = str(older_client)
    monkeypatch.setattr(backup, "server_major_version", lambda: 99)
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)

    with pytest.raises(CommandError, match="installez le paquet postgresql-client-99"):
        call_command("backup", output_dir=str(tmp_path / "archives"))

    assert not (tmp_path / "archives").exists() or not any((tmp_path / "archives").iterdir())
