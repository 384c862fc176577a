"""Fixtures of the publications tests: the recording purge backend of the front-cache tests."""

from tests.frontcache.conftest import purges  # noqa: F401  (the fixture)
