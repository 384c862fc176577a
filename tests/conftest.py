"""Fixtures shared by the whole suite; per-topic data lives next to its tests."""

import uuid

import pytest
from django.core.cache import cache

from tests.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wagtail caches the site root paths; a rolled-back test must not leave
    # the next one a home page that no longer exists.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return HomePageFactory()


def _member_of(role, username):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username, password="mot-de-passe-de-test", first_name=username.capitalize()
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    """A member of "Éditeurs" (created by the core.0003_roles migration), not a superuser."""
    from core.roles import EDITORS

    return _member_of(EDITORS, "edith")


@pytest.fixture
def moderator(db):
    """A member of "Modérateurs"."""
    from core.roles import MODERATORS

    return _member_of(MODERATORS, "mona")


@pytest.fixture(autouse=True)
def _fresh_form_counters(settings):
    """Each test counts its form posts and used tokens from zero: the "ratelimit"
    cache (the real Redis, as in production) gets a key prefix of the test's own."""
    ratelimit = settings.CACHES["ratelimit"]
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **ratelimit,
            "KEY_PREFIX": f"{ratelimit.get('KEY_PREFIX', '')}-{uuid.uuid4().hex}",
        },
    }


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server on a free loopback port, with dummy credentials in the environment."""
    # Imported here so that test processes which never ask for it do not pay for moto.
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AWS_ACCESS_KEY_ID", "andelis-test")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "andelis-test-secret")
        # Never fall back to the EC2 metadata service: there is no network here.
        mp.setenv("AWS_EC2_METADATA_DISABLED", "true")
        yield f"http://{host}:{port}"
    server.stop()
