"""Fixtures of the publications tests: the front-cache tests' recording purge backend,
and Varnish in front of the live server."""

from tests.frontcache.conftest import purges  # noqa: F401  (the fixture)
from tests.varnish import varnish  # noqa: F401  (the fixture)
