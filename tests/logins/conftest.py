"""Login tests: a client address of their own, fresh rate-limit counts, the helpers to post."""

import socket
import uuid

import pytest

# A documentation address (RFC 5737): the client every test logs in from.
CLIENT_IP = "203.0.113.7"
OTHER_IP = "198.51.100.9"
PASSWORD = "mot-de-passe-de-test"  # the conftest's editor and moderator's


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings):
    """Each test counts its requests from zero, in the real Redis, under its own prefix."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **settings.CACHES["ratelimit"],
            "KEY_PREFIX": f"{settings.CACHES['ratelimit']['KEY_PREFIX']}-{uuid.uuid4().hex}",
        },
    }


def post_login(client, username, password, url="/admin/login/", ip=CLIENT_IP, **data):
    return client.post(url, {"username": username, "password": password, **data}, REMOTE_ADDR=ip)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def unused_tcp_port():
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
