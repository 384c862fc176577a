"""Backups: the database and every media file in one dated archive, and back.

An archive is an uncompressed tar (``andelis-YYYYMMDD-HHMMSS.tar``, UTC time)
holding:

- ``database.dump``: ``pg_dump --format=custom`` of the whole database (already
  compressed; its own format lets ``pg_restore`` rebuild schema, data, the
  search configuration and extensions);
- ``media/<name>``: every file of the default storage, local disk (MEDIA_ROOT)
  or S3 bucket alike, read through Django's storage API;
- ``manifest.json``: what the archive holds, with each file's SHA-256.

``restore_archive`` checks everything before touching anything: the archive
must be complete and its files match their hashes, and the database and the
media store must be empty (unless ``force``). pg_dump and pg_restore are taken
from the PostgreSQL client of the server's major version (Debian installs them
in /usr/lib/postgresql/<major>/bin), or from ``ANDELIS_PG_BIN_DIR``.
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "andelis-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; its message is for the operator."""


@dataclass
class MediaFile:
    name: str
    size: int
    sha256: str


# --- PostgreSQL client -------------------------------------------------------


def server_major_version():
    if connection.vendor != "postgresql":
        raise BackupError(
            _(
                "Les sauvegardes demandent PostgreSQL (base actuelle : %(vendor)s). "
                "(Backups need PostgreSQL.)"
            )
            % {"vendor": connection.vendor}
        )
    connection.ensure_connection()
    return connection.pg_version // 10000


def _client_major_version(binary):
    # The binary is one of our candidates, the arguments a list: no shell, no user input.
    output = subprocess.run(  # noqa: S603
        [binary, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\(PostgreSQL\) (\d+)", output)
    return int(match.group(1)) if match else 0


def pg_binary(name):
    """``pg_dump`` or ``pg_restore`` of the server's major version."""
    major = server_major_version()
    candidates = []
    if getattr(settings, "ANDELIS_PG_BIN_DIR", ""):
        candidates.append(Path(settings.ANDELIS_PG_BIN_DIR) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    for candidate in candidates:
        if candidate.is_file() and _client_major_version(str(candidate)) == major:
            return str(candidate)
    raise BackupError(
        _(
            "%(name)s de PostgreSQL %(major)s est introuvable : installez le paquet "
            "postgresql-client-%(major)s, ou donnez son dossier dans ANDELIS_PG_BIN_DIR. "
            "(%(name)s for PostgreSQL %(major)s not found.)"
        )
        % {"name": name, "major": major}
    )


def pg_environment():
    """Connection parameters for the client tools: in the environment, never in argv."""
    db = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if db.get(key):
            environment[variable] = str(db[key])
    return environment


def _run(command, what):
    result = subprocess.run(  # noqa: S603 (our pg_dump/pg_restore, arguments as a list)
        command, env=pg_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s a échoué (%(what)s failed): %(error)s")
            % {"what": what, "error": result.stderr.strip()[-2000:]}
        )


# --- Media -------------------------------------------------------------------


def media_names(storage=None):
    """Every file name in the media storage, sorted."""
    storage = storage or default_storage
    names = []
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        prefix = f"{folder}/" if folder else ""
        names.extend(prefix + name for name in files)
        pending.extend(prefix + name for name in folders)
    return sorted(names)


class _HashingReader:
    """Reads a file for tarfile while hashing what passes."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.digest.update(data)
        return data


def file_sha256(fileobj):
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def media_hashes(storage=None):
    """``{name: sha256}`` of every media file."""
    storage = storage or default_storage
    hashes = {}
    for name in media_names(storage):
        with storage.open(name, "rb") as fileobj:
            hashes[name] = file_sha256(fileobj)
    return hashes


# --- Backup ------------------------------------------------------------------


def backup_directory():
    return Path(getattr(settings, "ANDELIS_BACKUP_DIR", "") or Path(settings.BASE_DIR) / "backups")


def archive_name(moment=None):
    moment = (moment or timezone.now()).astimezone(UTC)
    return f"andelis-{moment:%Y%m%d-%H%M%S}.tar"


def create_backup(directory=None):
    """Write one archive into ``directory``; returns its path.

    The archive appears under its final name only once complete.
    """
    directory = Path(directory or backup_directory())
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / archive_name()
    if target.exists():
        raise BackupError(_("L'archive %(path)s existe déjà.") % {"path": target})
    partial = target.with_suffix(".tar.partial")
    pg_dump = pg_binary("pg_dump")
    storage = default_storage
    try:
        with tempfile.TemporaryDirectory(prefix="andelis-backup-") as scratch:
            dump = Path(scratch) / DUMP
            _run([pg_dump, "--format=custom", "--no-owner", "--file", str(dump)], "pg_dump")
            files = []
            with tarfile.open(partial, "w") as archive:
                archive.add(dump, arcname=DUMP)
                for name in media_names(storage):
                    info = tarfile.TarInfo(MEDIA_PREFIX + name)
                    info.size = storage.size(name)
                    info.mtime = int(timezone.now().timestamp())
                    with storage.open(name, "rb") as fileobj:
                        reader = _HashingReader(fileobj)
                        archive.addfile(info, reader)
                    files.append(MediaFile(name, info.size, reader.digest.hexdigest()))
                with open(dump, "rb") as dump_file:
                    dump_sha256 = file_sha256(dump_file)
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "database": {
                        "file": DUMP,
                        "sha256": dump_sha256,
                        "server_major_version": server_major_version(),
                    },
                    "media": {
                        "storage": f"{type(storage).__module__}.{type(storage).__name__}",
                        "files": [file.__dict__ for file in files],
                    },
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, io.BytesIO(data))
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


# --- Restore -----------------------------------------------------------------


def read_manifest(archive):
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, ValueError, tarfile.TarError) as error:
        raise BackupError(
            _("Archive incomplète ou illisible : pas de %(file)s (incomplete archive).")
            % {"file": MANIFEST}
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Format d'archive inconnu : %(format)s (unknown archive format).")
            % {"format": manifest.get("format")}
        )
    return manifest


def verify_archive(archive, manifest):
    """Every file present with its recorded hash, before anything is touched."""
    expected = [(DUMP, manifest["database"]["sha256"])] + [
        (MEDIA_PREFIX + file["name"], file["sha256"]) for file in manifest["media"]["files"]
    ]
    for name, sha256 in expected:
        try:
            fileobj = archive.extractfile(name)
        except KeyError:
            fileobj = None
        if fileobj is None or file_sha256(fileobj) != sha256:
            raise BackupError(
                _(
                    "Archive abîmée : %(name)s manque ou ne correspond pas à son empreinte. "
                    "Rien n'a été restauré. (Damaged archive: nothing restored.)"
                )
                % {"name": name}
            )


def database_tables():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
        return cursor.fetchone()[0]


def empty_database():
    """Drop the public schema and everything in it (``--force``)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")


def restore_archive(path, force=False):
    """Restore an archive into an empty database and media store.

    Returns ``(number of media files, database name)``.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Archive introuvable : %(path)s (archive not found).") % {"path": path})
    storage = default_storage
    database = connection.settings_dict["NAME"]
    try:
        archive = tarfile.open(path, "r")  # noqa: SIM115 (closed by the `with` below)
    except tarfile.TarError as error:
        raise BackupError(
            _("%(path)s n'est pas une archive de sauvegarde (not a backup archive).")
            % {"path": path}
        ) from error
    with archive:
        manifest = read_manifest(archive)
        verify_archive(archive, manifest)
        pg_restore = pg_binary("pg_restore")
        tables = database_tables()
        existing = media_names(storage)
        if (tables or existing) and not force:
            raise BackupError(
                _(
                    "Restauration refusée : la base « %(database)s » contient %(tables)s "
                    "table(s) et le stockage des médias %(files)s fichier(s). La restauration "
                    "les écraserait. Restaurez dans une base et un stockage vides, ou ajoutez "
                    "--force pour les remplacer. (Refused: the database or media store is "
                    "not empty; use --force to replace them.)"
                )
                % {"database": database, "tables": tables, "files": len(existing)}
            )
        with tempfile.TemporaryDirectory(prefix="andelis-restore-") as scratch:
            dump = Path(scratch) / DUMP
            with archive.extractfile(DUMP) as source, open(dump, "wb") as target:
                shutil.copyfileobj(source, target, CHUNK)
            if tables:
                empty_database()
            connections.close_all()
            _run(
                [pg_restore, "--no-owner", "--exit-on-error", "--dbname", database, str(dump)],
                "pg_restore",
            )
        for file in manifest["media"]["files"]:
            name = file["name"]
            if storage.exists(name):
                storage.delete(name)
            with archive.extractfile(MEDIA_PREFIX + name) as source:
                saved = storage.save(name, File(source, name=os.path.basename(name)))
            if saved != name:
                raise BackupError(
                    _("Le fichier %(name)s a été enregistré sous %(saved)s.")
                    % {"name": name, "saved": saved}
                )
    return len(manifest["media"]["files"]), database
