"""The backup drill: build content, back up, lose everything, restore, compare.

Transactional: pg_dump and pg_restore are other processes and see only
committed rows. Run with local media and with media in an S3 bucket (moto).
"""

import re
import shutil
import tarfile
from pathlib import Path
from uuid import uuid4

import boto3
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from comments.models import Comment
from core.backup import MANIFEST, media_hashes, media_names
from core.models import ColloquiumDocument, DocumentPageText
from registrations.models import Registration
from tests.factories import (
    ColloquiumDocumentFactory,
    ContributionFactory,
    EventPageFactory,
    ImageFactory,
    ProceedingsPageFactory,
)
from tests.pdfs import pages_pdf
from tests.registrations.registration_helpers import register
from tests.test_s3_media import REGION, production_storage_settings

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("s3"),
]

WORD = "hétérotopies"


@pytest.fixture(params=["local", "s3"])
def media(request, tmp_path):
    """The media store of the drill, and how to wipe it."""
    if request.param == "local":
        root = tmp_path / "media"
        with override_settings(MEDIA_ROOT=str(root)):
            yield lambda: shutil.rmtree(root, ignore_errors=True)
        return
    endpoint = request.getfixturevalue("s3_endpoint")
    name = f"andelis-backup-{uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)

    def wipe():
        for item in client.list_objects_v2(Bucket=name).get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])

    with override_settings(**production_storage_settings(name, endpoint)):
        yield wipe


def build_content(client):
    event = EventPageFactory(title="Colloque de Rennes", registration_open=True)
    for edition in ("première", "seconde"):
        event.subtitle = f"Le programme, {edition} version"
        event.save_revision().publish()
    event.subtitle = "Un brouillon pas encore publié"
    event.save_revision()
    proceedings = ProceedingsPageFactory(parent=event, title="Traces de Rennes")
    document = ColloquiumDocumentFactory(
        title="Actes de Rennes",
        file=ContentFile(
            pages_pdf("Ouverture.", f"Les {WORD} de la protection de l'enfance."),
            name="actes-rennes.pdf",
        ),
    )
    ContributionFactory(page=proceedings, document=document, title="Les lieux autres")
    proceedings.save_revision().publish()
    image = ImageFactory(title="Affiche de Rennes")
    image.get_rendition("fill-120x80")
    register(client, event, name="Camille Martin", email="camille@example.org")
    Comment.objects.create(
        page=event,
        author_name="Marion",
        email="marion@example.org",
        text="Faut-il s'inscrire ?",
        status=Comment.Status.APPROVED,
        reply="Oui, avant le 1er mars.",
    )
    document.refresh_from_db()
    assert document.extraction_status == "extracted"
    return event


def search_hits(client, word):
    cache.clear()
    html = client.get("/recherche/", {"q": word}).content.decode()
    return re.findall(r'<a class="download" href="([^"]+)"', html)


def snapshot(client):
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "id", "path", "title", "live", "latest_revision_id", "live_revision_id"
            )
        ),
        "revisions": list(
            Revision.objects.order_by("id").values_list("id", "object_id", "content")
        ),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
        "registrations": list(
            Registration.objects.order_by("id").values_list("id", "event_id", "name", "email")
        ),
        "comments": list(Comment.objects.order_by("id").values_list("id", "text", "reply")),
        "documents": list(
            ColloquiumDocument.objects.order_by("id").values_list(
                "id", "file", "extraction_status", "search_text"
            )
        ),
        "page_texts": DocumentPageText.objects.count(),
        "media": media_hashes(),
        "search": search_hits(client, WORD),
    }


def lose_everything(wipe_media):
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    wipe_media()
    connections.close_all()


def test_backup_then_restore_into_an_empty_database_and_store_gives_everything_back(
    media, client, tmp_path, capsys
):
    build_content(client)
    before = snapshot(client)
    assert before["search"], "the document is found before the backup"
    assert len(before["revisions"]) >= 4
    assert any(name.startswith("documents/") for name in before["media"])
    assert any(name.startswith("images/") for name in before["media"])

    call_command("backup", output_dir=str(tmp_path / "archives"))
    archive = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert re.fullmatch(r"andelis-\d{8}-\d{6}\.tar", archive.name)
    with tarfile.open(archive) as tar:
        assert {"database.dump", MANIFEST} <= set(tar.getnames())

    lose_everything(media)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0
    assert media_names() == []

    call_command("restore", str(archive))
    connections.close_all()
    Site.clear_site_root_paths_cache()

    after = snapshot(client)
    assert after == before
    assert "Restauré" in capsys.readouterr().out


def test_restore_refuses_a_database_that_is_not_empty_and_changes_nothing(media, client, tmp_path):
    build_content(client)
    call_command("backup", output_dir=str(tmp_path))
    (archive,) = tmp_path.glob("andelis-*.tar")
    Comment.objects.create(
        page=Page.objects.live().last(), author_name="Léa", email="lea@example.org", text="Après"
    )
    before = snapshot(client)

    with pytest.raises(CommandError, match="Restauration refusée : la base"):
        call_command("restore", str(archive))

    assert snapshot(client) == before


def test_a_damaged_archive_is_refused_before_anything_is_touched(media, client, tmp_path):
    build_content(client)
    call_command("backup", output_dir=str(tmp_path))
    (archive,) = tmp_path.glob("andelis-*.tar")
    before = snapshot(client)
    lose_everything(lambda: None)  # an empty database, the media still there

    damaged = tmp_path / "damaged.tar"
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        offset = tar.getmember("database.dump").offset_data
    data[offset + 100 : offset + 110] = b"0123456789"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"Archive abîmée : database\.dump"):
        call_command("restore", str(damaged))

    not_an_archive = tmp_path / "notes.tar"
    not_an_archive.write_text("pas une archive")
    with pytest.raises(CommandError, match="n'est pas une archive de sauvegarde"):
        call_command("restore", str(not_an_archive))

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert cursor.fetchone()[0] == 0
    assert media_hashes() == before["media"]

    # --force replaces what is there (the media files of the same name).
    call_command("restore", str(archive), force=True)
    connections.close_all()
    assert snapshot(client) == before


def test_the_archive_folder_is_configurable_and_git_ignored(settings, tmp_path):
    settings.ANDELIS_BACKUP_DIR = tmp_path / "ailleurs"
    call_command("backup")
    assert len(list((tmp_path / "ailleurs").glob("andelis-*.tar"))) == 1
    ignored = (Path(settings.BASE_DIR) / ".gitignore").read_text().split()
    assert "/backups/" in ignored
