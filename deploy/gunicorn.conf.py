"""Gunicorn for the ANDELIS app servers: ``gunicorn --config deploy/gunicorn.conf.py``.

The Procfile's ``web`` line and ``deploy/systemd/andelis-web.service`` start it this way;
docs/deployment.md shows where it sits (behind Varnish, itself behind the TLS proxy).
Every value can be changed through the environment; the defaults suit one app server of a
small association's site.

Sync workers: the TLS proxy buffers slow clients, Varnish answers most anonymous visits, so
a worker is busy only while Django computes a page. Django writes the one log line per
request (core/request_log.py, with its request id): gunicorn's access log is off.
"""

import multiprocessing
from pathlib import Path

import environ

env = environ.Env()

# Runs the project from its own folder whatever the current directory.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "andelis.wsgi:application"
proc_name = "andelis"

# Where Varnish reaches this server. A Procfile runner's PORT is honoured.
bind = env.list(
    "GUNICORN_BIND",
    default=[f"127.0.0.1:{env.int('PORT', default=8000)}"],
)

# Gunicorn's usual advice: two workers per core, plus one.
workers = env.int("WEB_CONCURRENCY", default=multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# The workers' heartbeat files in memory, not on a disk that may stall (gunicorn makes them
# with mkstemp, private to its user).
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108
worker_tmp_dir = str(SHARED_MEMORY) if SHARED_MEMORY.is_dir() else None

# A request still running after this is killed with its worker. Longer than the database's
# statement timeout, so a slow query ends in Django's own error page rather than here.
timeout = env.int("GUNICORN_TIMEOUT", default=30)
# On SIGTERM or SIGHUP, workers finish the requests they hold for up to this long.
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
# Each worker is replaced after about this many requests (the jitter spreads the restarts
# so that the workers are not all replaced at once): a slow leak never grows unbounded.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=1000)
max_requests_jitter = env.int("GUNICORN_MAX_REQUESTS_JITTER", default=100)
# Varnish keeps its connections to the backend open between requests.
keepalive = 5

# Not preloaded: `kill -HUP` on the master starts workers on the newly deployed code while
# the old ones finish their requests (systemd's `reload`).
preload_app = False

# Django logs each request itself; gunicorn's own messages go to the standard error.
accesslog = None
errorlog = "-"
loglevel = env("GUNICORN_LOG_LEVEL", default="info")

# Only the local proxy (Varnish) may say the request came in over HTTPS.
forwarded_allow_ips = env("GUNICORN_FORWARDED_ALLOW_IPS", default="127.0.0.1,::1")

# Gunicorn's control socket (gunicornc) is one fixed path per user by default: two app
# servers on one machine would share it. Off unless a path of its own is given.
control_socket = env("GUNICORN_CONTROL_SOCKET", default="")
control_socket_disable = not control_socket
