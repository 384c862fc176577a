"""Production: HTTPS only. Every secret and host comes from the environment."""

import contextlib

from .base import *  # noqa: F403
from .base import CACHES, env

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# The comment rate limit must be shared by every worker process: Redis, required.
CACHES = {
    **CACHES,
    "ratelimit": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "andelis",
    },
}

# Background worker: uploads return at once, `manage.py db_worker` reads the files.
TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Serving: load balancers and Varnish probe /sante/ on each app server over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]

# Visitors' forms: a Redis that is down or hung must not hold a worker; the forms
# then answer 503 "réessayez dans quelques minutes" (core/forms_protection.py).
CACHES["ratelimit"]["OPTIONS"] = {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2}

# Fragment caching (docs/performance.md): the default cache is the shared Redis, so that
# every worker reads the same fragments and a change drops them for all. A Redis that
# does not answer costs a fragment, never the page: the page is rendered without it.
CACHES["default"] = {
    "BACKEND": "django_redis.cache.RedisCache",
    "LOCATION": env("REDIS_URL"),
    "KEY_PREFIX": "andelis-pages",
    "OPTIONS": {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
    },
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
