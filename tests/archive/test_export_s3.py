"""A copy made when the media are on S3-compatible storage (moto on the loopback): the
documents and images are read from the bucket, byte for byte, and linked relatively."""

from uuid import uuid4

import boto3
import pytest
from django.test import override_settings

from publications.models import Contribution
from tests.factories import (
    ColloquiumDocumentFactory,
    EventPageFactory,
    EventPartnerFactory,
    ImageFactory,
    PartnerFactory,
    ProceedingsPageFactory,
    paris,
)
from tests.test_s3_media import REGION, production_storage_settings

from .copies import broken_links, export

pytestmark = pytest.mark.xdist_group("s3")


@pytest.fixture
def bucket(s3_endpoint, db):
    name = f"andelis-export-{uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)
    with override_settings(**production_storage_settings(name, s3_endpoint)):
        yield lambda key: client.get_object(Bucket=name, Key=key)["Body"].read()


def test_documents_and_images_come_from_the_bucket(bucket, tmp_path):
    event = EventPageFactory(title="Colloque de Nantes", day=paris(2023, 6, 1).date())
    EventPartnerFactory(page=event, partner=PartnerFactory(name="IRTS", logo=ImageFactory()))
    event.save_revision().publish()
    proceedings = ProceedingsPageFactory(parent=event)
    document = ColloquiumDocumentFactory(title="Ouverture", pages=2)
    proceedings.contributions.add(Contribution(title="Ouverture", document=document))
    proceedings.save_revision().publish()

    folder, manifest, _ = export(event.pk, tmp_path)

    assert broken_links(folder, manifest) == []
    (copied,) = [entry for entry in manifest["files"] if entry["kind"] == "document"]
    assert (folder / copied["path"]).read_bytes() == bucket(document.file.name)
    (logo,) = [entry for entry in manifest["files"] if entry["kind"] == "image"]
    rendition = event.event_partners.get().partner.logo.renditions.get()
    assert logo["path"] == f"media/{rendition.file.name}"
    assert (folder / logo["path"]).read_bytes() == bucket(rendition.file.name)
    index = (folder / "index.html").read_text()
    assert f'src="media/{rendition.file.name}"' in index
    assert "X-Amz-" not in index
