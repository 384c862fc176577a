"""Comment tests: Redis must answer, a moderator, helpers to post."""

import pytest
import redis
from django.contrib.auth.models import Permission

from comments.models import Comment
from tests.factories import ProceedingsPageFactory
from tests.form_tokens import fetch_token

VALID = {
    "author_name": "Marion",
    "email": "marion@example.org",
    "text": "Faut-il s'inscrire ?",
}


@pytest.fixture(autouse=True)
def redis_answers(settings):
    """The rate limit and the used tokens live in the real Redis (each test under a
    key prefix of its own, tests/conftest.py)."""
    location = settings.CACHES["ratelimit"]["LOCATION"]
    try:
        redis.Redis.from_url(location, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(
            f"Redis is not reachable at {location}: the comment rate limit needs it "
            "(start redis-server, or set REDIS_URL)."
        )


@pytest.fixture
def proceedings(db):
    return ProceedingsPageFactory(title="Traces du colloque")


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "moderatrice", "moderation@andelis.example", "x", first_name="Modé"
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="change_comment"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return user


def form_data(client, page, seconds_ago=60, **values):
    """What a browser sends: the fields, an empty honeypot and a token from the endpoint."""
    return {
        **VALID,
        "site_internet": "",
        "started": fetch_token(client, page, seconds_ago),
        **values,
    }


def post(client, page, **kwargs):
    return client.post(f"/commentaires/{page.pk}/", form_data(client, page, **kwargs))


def stored():
    return Comment.objects.count()
