"""``/sante/``: whether this app server can serve visitors, for load balancers and probes.

It answers 200 only when every component a page needs answers: each database, each cache
shared between processes (Redis), and the media storage (local disk or S3). Otherwise 503,
naming the components that failed and nothing else: no error message, host name or stack
(those go to the server's log), so the URL can stay public.

It is cheap enough to be probed every few seconds: one ``SELECT 1`` per database, a Redis
``PING``, and one read-only look at the storage (no write, no listing). The cache and
storage checks run in threads of their own while the database is checked, and a check that
has not answered within ``ANDELIS_HEALTH_TIMEOUT`` seconds counts as failed, so a hung
component gives a 503, not a hung probe. The database check relies on the database's own
connection timeout instead: Django's connections belong to the thread that opens them.
"""

import json
import logging
import os
import queue
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)

OK = "ok"
FAILED = "failed"

# Caches that live in one process's memory are always "up" and say nothing about the others.
PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# A name no upload gets (Wagtail stores under documents/, images/, original_images/).
STORAGE_PROBE = "sante/absent"


# One thread per component (and configuration), kept from probe to probe so that its
# clients stay connected (a boto3 client takes far longer to make than a HEAD request).
# While a check is stuck on a hung server, later probes wait for that same check instead
# of queueing another: a long outage holds one thread per component, not one per probe.
# Daemon threads: a stuck check never delays a worker's exit.
class _Checker:
    def __init__(self):
        self._queue = queue.SimpleQueue()
        threading.Thread(target=self._loop, daemon=True, name="health").start()

    def _loop(self):
        while True:
            future, function, arguments = self._queue.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(function(*arguments))
                except BaseException as error:
                    future.set_exception(error)

    def submit(self, function, *arguments):
        future = Future()
        self._queue.put((future, function, arguments))
        return future


_checkers = {}
_pending = {}
_lock = threading.Lock()


def _forget_threads():
    # A forked process (a gunicorn worker of a preloaded app) has none of its parent's threads.
    global _lock
    _checkers.clear()
    _pending.clear()
    _lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_threads)


def _in_background(key, function, *arguments):
    with _lock:
        future = _pending.get(key)
        if future is None or future.done():
            if key not in _checkers:
                _checkers[key] = _Checker()
            future = _checkers[key].submit(function, *arguments)
            _pending[key] = future
        return future


def check_databases():
    results = {}
    for alias in connections:
        name = "database" if alias == "default" else f"database.{alias}"
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:
            logger.exception("Health check: database %r does not answer", alias)
            # A broken connection kept for reuse (CONN_MAX_AGE) would fail the next probe too.
            connection.close_if_unusable_or_obsolete()
            results[name] = FAILED
        else:
            results[name] = OK
    return results


def shared_cache_aliases():
    return [
        alias
        for alias, options in settings.CACHES.items()
        if options.get("BACKEND") not in PROCESS_LOCAL_CACHES
    ]


def check_cache(alias):
    backend = settings.CACHES[alias]["BACKEND"]
    if backend.startswith("django_redis."):
        from django_redis import get_redis_connection

        # PING, not get(): django-redis may be told to swallow errors on reads.
        get_redis_connection(alias).ping()
    else:
        caches[alias].get("andelis:health-probe")


def check_storage():
    storage = default_storage
    if isinstance(storage, FileSystemStorage):
        # exists() never fails on a local disk: check the folder itself (an unmounted
        # volume, a wrong path or lost permissions), without writing to it.
        location = storage.location
        if not (os.path.isdir(location) and os.access(location, os.W_OK | os.X_OK)):
            raise OSError("media folder missing or not writable")
    elif isinstance(storage, S3Storage):
        # One read-only request that fails when the bucket is gone, not only the server
        # (HEAD of an absent key would answer 404 in both cases). Needs s3:ListBucket, as
        # the uploads' exists() calls do.
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    else:
        storage.exists(STORAGE_PROBE)


def health_status():
    """Each component's name and OK or FAILED."""
    timeout = settings.ANDELIS_HEALTH_TIMEOUT
    deadline = time.monotonic() + timeout
    futures = {
        f"cache.{alias}": _in_background(
            ("cache", alias, str(settings.CACHES[alias].get("LOCATION"))), check_cache, alias
        )
        for alias in shared_cache_aliases()
    }
    storage_configuration = json.dumps(
        [
            settings.STORAGES.get("default"),
            str(settings.MEDIA_ROOT),
            getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""),
            getattr(settings, "AWS_S3_ENDPOINT_URL", ""),
        ],
        default=str,
    )
    futures["storage"] = _in_background(("storage", storage_configuration), check_storage)

    results = check_databases()
    for name, future in futures.items():
        try:
            future.result(timeout=max(deadline - time.monotonic(), 0))
        except FutureTimeout:
            logger.error("Health check: %s did not answer within %s s", name, timeout)
            results[name] = FAILED
        except Exception:
            logger.exception("Health check: %s does not answer", name)
            results[name] = FAILED
        else:
            results[name] = OK
    return results


@require_safe
def health(request):
    results = health_status()
    failed = sorted(name for name, result in results.items() if result != OK)
    response = JsonResponse(
        {"status": FAILED if failed else OK, "failed": failed, "checks": results},
        status=503 if failed else 200,
    )
    # Never kept by Varnish, a proxy or a browser: each probe must reach this server.
    add_never_cache_headers(response)
    return response
