"""Comment tests: a fresh rate-limit count for each test, a moderator, helpers to post."""

import time
import uuid

import pytest
import redis
from django.contrib.auth.models import Permission

from core.comments.forms import sign_start
from core.comments.models import Comment
from tests.factories import ProceedingsPageFactory

VALID = {
    "author_name": "Marion",
    "email": "marion@example.org",
    "text": "Faut-il s'inscrire ?",
}


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings):
    """Each test counts its posts from zero, in the real Redis, under its own prefix."""
    location = settings.CACHES["ratelimit"]["LOCATION"]
    try:
        redis.Redis.from_url(location, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(
            f"Redis is not reachable at {location}: the comment rate limit needs it "
            "(start redis-server, or set REDIS_URL)."
        )
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            **settings.CACHES["ratelimit"],
            "KEY_PREFIX": f"{settings.CACHES['ratelimit']['KEY_PREFIX']}-{uuid.uuid4().hex}",
        },
    }


@pytest.fixture
def proceedings(db):
    return ProceedingsPageFactory(title="Traces du colloque")


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "moderatrice", "moderation@andelis.example", "x", first_name="Modé"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="core", codename="change_comment"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return user


def form_data(page, seconds_ago=60, **values):
    """What a browser sends: the fields, an empty honeypot and the signed start time."""
    return {
        **VALID,
        "site_internet": "",
        "started": sign_start(page.pk, time.time() - seconds_ago),
        **values,
    }


def post(client, page, **kwargs):
    return client.post(f"/commentaires/{page.pk}/", form_data(page, **kwargs))


def stored():
    return Comment.objects.count()
