"""/sante/ answers 200 only when the database, the shared cache and the media storage answer.

Each fault is made by the test on the loopback interface: a port nobody listens on (a
stopped Redis, a stopped S3), a server that accepts and never answers (a hung one), a
missing media folder. The database's faults need a server process with another database
address: they are in tests/deploy/test_gunicorn.py.
"""

import json
import time
from uuid import uuid4

import boto3
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.servers import closed_port, hung_server

pytestmark = pytest.mark.django_db

REGION = "us-east-1"


def redis_cache_at(location):
    return {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "LOCATION": location},
    }


def checks(response):
    return json.loads(response.content)


def test_everything_up_answers_200_never_cached(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert checks(response) == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache.ratelimit": "ok", "storage": "ok"},
    }
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_the_url_is_sante(client):
    assert reverse("health") == "/sante/"
    assert client.head("/sante/").status_code == 200
    assert client.post("/sante/").status_code == 405


def test_a_probe_reads_and_writes_nothing_in_the_database(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1) as captured:
        assert client.get("/sante/").status_code == 200
    assert [query["sql"] for query in captured.captured_queries] == ["SELECT 1"]


def test_redis_down_answers_503_naming_the_cache_and_nothing_secret(client):
    # A password and an address in the URL: neither may reach the visitor.
    location = f"redis://:le-mot-de-passe-redis@127.0.0.1:{closed_port()}/0"
    with override_settings(CACHES=redis_cache_at(location)):
        response = client.get("/sante/")

    assert response.status_code == 503
    assert checks(response) == {
        "status": "failed",
        "failed": ["cache.ratelimit"],
        "checks": {"database": "ok", "cache.ratelimit": "failed", "storage": "ok"},
    }
    assert "no-store" in response.headers["Cache-Control"]
    body = response.content.decode()
    for secret in ("le-mot-de-passe-redis", "127.0.0.1", "Error", "Traceback", "redis://"):
        assert secret not in body


@override_settings(ANDELIS_HEALTH_TIMEOUT=0.5)
def test_redis_hung_answers_503_within_the_timeout(client):
    with (
        hung_server() as port,
        override_settings(CACHES=redis_cache_at(f"redis://127.0.0.1:{port}/0")),
    ):
        started = time.monotonic()
        response = client.get("/sante/")
        elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert checks(response)["failed"] == ["cache.ratelimit"]
    assert elapsed < 2


def test_redis_back_answers_200_again(client):
    with override_settings(CACHES=redis_cache_at(f"redis://127.0.0.1:{closed_port()}/0")):
        assert client.get("/sante/").status_code == 503
    assert client.get("/sante/").status_code == 200


def test_missing_media_folder_answers_503_naming_the_storage(client, tmp_path):
    missing = tmp_path / "media-volume-not-mounted"
    with override_settings(MEDIA_ROOT=str(missing)):
        response = client.get("/sante/")

    assert response.status_code == 503
    assert checks(response)["failed"] == ["storage"]
    assert str(tmp_path) not in response.content.decode()


def test_the_request_id_of_a_failing_probe_is_in_the_servers_log(client, caplog):
    with override_settings(CACHES=redis_cache_at(f"redis://127.0.0.1:{closed_port()}/0")):
        response = client.get("/sante/", headers={"X-Request-ID": "sonde-lb-42"})

    assert response.status_code == 503
    assert response.headers["X-Request-ID"] == "sonde-lb-42"
    failures = [record for record in caplog.records if record.name == "core.health"]
    assert failures, "the failure is not logged"
    assert failures[0].request_id == "sonde-lb-42"
    assert "cache.ratelimit does not answer" in failures[0].getMessage()
    assert failures[0].exc_info is not None


# --- Media on S3 (the moto server the other S3 tests use) ----------------------


def s3_storage(bucket, endpoint):
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": bucket, "endpoint_url": endpoint, "region_name": REGION},
        },
    }


def test_s3_up_answers_200_and_the_probes_leave_the_bucket_empty(client, s3_endpoint):
    bucket = f"andelis-media-{uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION)
    s3.create_bucket(Bucket=bucket)

    with override_settings(STORAGES=s3_storage(bucket, s3_endpoint)):
        answers = [client.get("/sante/").status_code for _ in range(5)]

    assert answers == [200] * 5
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_s3_down_answers_503_naming_the_storage(client, s3_endpoint):
    stopped = f"http://127.0.0.1:{closed_port()}"
    with override_settings(STORAGES=s3_storage("andelis-media", stopped)):
        response = client.get("/sante/")

    assert response.status_code == 503
    assert checks(response)["failed"] == ["storage"]
    assert "127.0.0.1" not in response.content.decode()


@override_settings(ANDELIS_HEALTH_TIMEOUT=1)
def test_s3_hung_answers_503_within_the_timeout(client, s3_endpoint):
    with (
        hung_server() as port,
        override_settings(STORAGES=s3_storage("andelis-media", f"http://127.0.0.1:{port}")),
    ):
        started = time.monotonic()
        response = client.get("/sante/")
        elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert checks(response)["failed"] == ["storage"]
    assert elapsed < 3


def test_a_missing_bucket_answers_503(client, s3_endpoint):
    with override_settings(STORAGES=s3_storage(f"absent-{uuid4().hex[:8]}", s3_endpoint)):
        response = client.get("/sante/")

    assert response.status_code == 503
    assert checks(response)["failed"] == ["storage"]
