"""Media on S3-compatible storage: uploads, downloads, privacy and renditions.

A moto S3 server runs on the loopback interface for this module, so nothing
leaves the machine. The storage settings are not copied here: they are the
ones ``andelis/settings/base.py`` computes when ``AWS_STORAGE_BUCKET_NAME``
is set, exactly as in production. Credentials come from the environment, as
the README says.

No field needs patching: Wagtail's document and image ``file`` fields, and the
rendition field (``get_rendition_storage`` returns ``default_storage`` when
``WAGTAILIMAGES_RENDITION_STORAGE`` is unset), all hold Django's lazy
``default_storage``, which ``override_settings(STORAGES=...)`` resets.
"""

import html as html_entities
import io
import re
import runpy
import urllib.request
from pathlib import Path
from uuid import uuid4

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse
from django.template import engines
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from core.models import ColloquiumDocument
from tests.factories import ColloquiumDocumentFactory, pdf_bytes, png_bytes

pytestmark = pytest.mark.xdist_group("s3")

Image = get_image_model()

BASE_SETTINGS = Path(settings.BASE_DIR) / "andelis" / "settings" / "base.py"
REGION = "us-east-1"


def production_storage_settings(bucket, endpoint):
    """The storage settings that base.py derives from the S3 environment variables."""
    variables = {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
    }
    with pytest.MonkeyPatch.context() as mp:
        for name, value in variables.items():
            mp.setenv(name, value)
        computed = runpy.run_path(str(BASE_SETTINGS))
    overrides = {name: value for name, value in computed.items() if name.startswith("AWS_")}
    # Only the media backend changes; static files stay as the test settings have them.
    overrides["STORAGES"] = {**settings.STORAGES, "default": computed["STORAGES"]["default"]}
    return overrides


@pytest.fixture
def bucket(s3_endpoint, db):
    """A fresh bucket per test, made the default storage for the test's duration."""
    name = f"andelis-media-{uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)
    with override_settings(**production_storage_settings(name, s3_endpoint)):
        assert_fields_use_the_s3_storage(name)
        yield Bucket(client, name)


def assert_fields_use_the_s3_storage(bucket_name):
    storages_in_use = {
        "document": ColloquiumDocument._meta.get_field("file").storage,
        "image": Image._meta.get_field("file").storage,
        "rendition": Image.get_rendition_model()._meta.get_field("file").storage,
    }
    for model, storage in storages_in_use.items():
        assert storage is default_storage, f"{model} files are not in the default storage"
    # The lazy object reports the class of the backend it now wraps.
    assert isinstance(default_storage, S3Storage)
    assert default_storage.bucket_name == bucket_name


class Bucket:
    """What is really in the bucket, read with boto3 behind Django's back."""

    def __init__(self, client, name):
        self.client = client
        self.name = name

    def keys(self):
        answer = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in answer.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def upload_document(client, collection, content, filename="programme.pdf"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Programme 2017",
            "file": SimpleUploadedFile(filename, content),
            "collection": str(collection.pk),
            "tags": "",
        },
    )


# --- Documents ---------------------------------------------------------------


def test_editor_upload_lands_in_the_bucket_with_its_metadata(admin_client, root_collection, bucket):
    content = pdf_bytes("Programme du colloque - sur S3", pages=3)

    response = upload_document(admin_client, root_collection, content)

    assert response.status_code == 302
    document = ColloquiumDocument.objects.get()
    assert document.file.name.startswith("documents/programme")
    assert bucket.keys() == {document.file.name}
    assert bucket.read(document.file.name) == content
    assert (document.file_format, document.file_size, document.page_count) == (
        "PDF",
        len(content),
        3,
    )


def test_visitor_downloads_the_exact_bytes_through_django(
    admin_client, client, root_collection, bucket, s3_endpoint
):
    content = pdf_bytes("Actes du colloque", pages=2)
    upload_document(admin_client, root_collection, content, filename="actes.pdf")
    document = ColloquiumDocument.objects.get()
    assert document.url == f"/documents/{document.pk}/{document.filename}"

    response = client.get(document.url)

    assert response.status_code == 200
    # Served by Wagtail's view from the bucket, not a redirect to a presigned URL.
    assert isinstance(response, FileResponse)
    assert s3_endpoint not in response.headers.get("Location", "")
    assert body(response) == content
    assert response.headers["Content-Length"] == str(len(content))
    assert response.headers["Content-Type"] == "application/pdf"
    # Wagtail's default for PDFs (WAGTAILDOCS_INLINE_CONTENT_TYPES): open in the browser.
    assert response.headers["Content-Disposition"] == "inline"


def test_private_collection_document_is_refused_to_anonymous_visitors(
    client, django_user_model, root_collection, bucket
):
    private = root_collection.add_child(name="Documents du conseil")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = ColloquiumDocumentFactory(title="Compte rendu", collection=private)
    assert bucket.keys() == {document.file.name}

    refused = client.get(document.url)

    assert refused.status_code == 302
    # Wagtail's own front-end login, not the bucket.
    assert refused.headers["Location"] == f"{reverse('wagtailcore_login')}?next={document.url}"
    assert b"%PDF" not in body(refused)

    # The refusal is the restriction's doing: a signed-in member gets the file.
    member = django_user_model.objects.create_user(username="membre", password="x")
    client.force_login(member)
    allowed = client.get(document.url)
    assert allowed.status_code == 200
    assert body(allowed) == bucket.read(document.file.name)


# --- Images ------------------------------------------------------------------


def test_image_upload_and_its_rendition_are_stored_in_the_bucket(
    admin_client, root_collection, bucket, s3_endpoint
):
    content = png_bytes(width=300, height=200)

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Affiche",
            "file": SimpleUploadedFile("affiche.png", content),
            "collection": str(root_collection.pk),
            "tags": "",
            "description": "",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.file_size) == (300, 200, len(content))
    assert image.file.name.startswith("original_images/affiche")
    assert bucket.keys() == {image.file.name}
    assert bucket.read(image.file.name) == content

    # A template asks for the rendition, as a page would.
    template = engines["django"].from_string(
        "{% load wagtailimages_tags %}{% image image max-100x100 %}"
    )
    html = template.render({"image": image})

    rendition = image.renditions.get(filter_spec="max-100x100")
    assert rendition.file.name.startswith("images/affiche")
    assert bucket.keys() == {image.file.name, rendition.file.name}
    assert 'width="100"' in html
    assert 'height="66"' in html
    with PILImage.open(io.BytesIO(bucket.read(rendition.file.name))) as stored:
        assert stored.size == (100, 66)

    # The browser fetches it straight from the bucket through a presigned URL
    # (moto does not check signatures: this proves the address, not the signature).
    src = html_entities.unescape(re.search(r'src="([^"]+)"', html).group(1))
    assert src.startswith(f"{s3_endpoint}/{bucket.name}/{rendition.file.name}?")
    assert "Signature=" in src
    with urllib.request.urlopen(src, timeout=5) as answer:
        assert answer.read() == bucket.read(rendition.file.name)
