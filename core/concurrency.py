"""A read that runs beside the current request, on a second database connection.

``beside(task)`` starts ``task()`` in this process's worker thread, which holds a
database connection of its own (Django's connections are per thread), and returns a
function that waits for the task's result. Meanwhile the caller goes on with its own
queries: PostgreSQL runs both at once, on two cores. The site search counts its facets
this way while it ranks the results (search/query.py, docs/search.md).

The task runs in the caller's thread instead, at once, when the caller is inside a
transaction (another connection would not see its uncommitted rows: the test suite
runs in transactions) or the database is not PostgreSQL (SQLite holds one writer and
gains nothing). A task only reads: it must not write or depend on the caller's state.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections

_executor = None
_executor_lock = threading.Lock()


def _pool():
    # Made on first use, after the application server has forked its workers.
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="andelis-beside")
        return _executor


def _run(task):
    # The thread's connection lives on between tasks as a worker's does between
    # requests: closed after an error or once older than CONN_MAX_AGE (at once for 0).
    connection = connections[DEFAULT_DB_ALIAS]
    connection.close_if_unusable_or_obsolete()
    try:
        return task()
    finally:
        connection.close_if_unusable_or_obsolete()


def runs_beside():
    """Whether ``beside()`` would use the second connection here."""
    connection = connections[DEFAULT_DB_ALIAS]
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def beside(task):
    """Start ``task()``; returns a function that gives its result (or raises its error)."""
    if not runs_beside():
        result = task()
        return lambda: result
    return _pool().submit(_run, task).result
