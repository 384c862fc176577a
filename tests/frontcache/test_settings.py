"""VARNISH_URL turns purging on; without it `make run` has no front cache to purge."""

import json

from tests.test_settings import run_manage

SHOW = (
    "import json; from django.conf import settings; "
    "print(json.dumps(getattr(settings, 'WAGTAILFRONTENDCACHE', None)))"
)


def frontend_cache_setting(**environment):
    result = run_manage(
        "shell", "-c", SHOW, DJANGO_SETTINGS_MODULE="andelis.settings.dev", **environment
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_varnish_url_points_wagtails_purges_at_varnish():
    assert frontend_cache_setting(VARNISH_URL="http://127.0.0.1:6081") == {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }


def test_without_varnish_url_nothing_is_purged():
    assert frontend_cache_setting(VARNISH_URL="") is None
