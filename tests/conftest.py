"""Fixtures shared by the whole suite; per-topic data lives next to its tests."""

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
