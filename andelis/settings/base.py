"""Settings shared by every environment; safe for production on their own.

Anything secret or deployment-specific comes from the environment (see the
table in README.md). Insecure conveniences live in ``dev.py`` only.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "core",
    "events",
    "publications",
    "comments",
    "registrations",
    "search",
    "oai",
    "archive",
    "wagtail_footnotes",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "storages",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "andelis.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "andelis.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Visitors and editors both read French; the site has a single language.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on S3-compatible storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="ANDELIS <ne-pas-repondre@andelis.fr>"
)
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Registrations: names, e-mails and organisations are erased this many months
# after the colloquium ends (`manage.py erase_personal_data`, run daily).
REGISTRATION_RETENTION_MONTHS = env.int("REGISTRATION_RETENTION_MONTHS", default=6)

# Wagtail
WAGTAIL_SITE_NAME = "ANDELIS"
# Links in password-reset and moderation e-mails: no default here (dev.py and test.py
# have theirs), so production never sends links to a development address.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="")
if not re.fullmatch(r"https?://[^/\s]+/?", WAGTAILADMIN_BASE_URL):
    raise ImproperlyConfigured(
        "Set the WAGTAILADMIN_BASE_URL environment variable to the site's public address, "
        "e.g. https://colloques.andelis.fr (no path): password-reset and moderation e-mails "
        f"link to it. Got {WAGTAILADMIN_BASE_URL!r}."
    )
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Wagtail's search backend (the admin's search). Its configuration, the French one
# that also folds accents (created by search/migrations/0001), is also the public
# search's (search/, on tables of its own); SQLite ignores it. See docs/search.md.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french_unaccent",
    }
}

# Background tasks (django-tasks, shipped with Wagtail 8): document text
# extraction and search indexing. Immediate (in the request) unless a queue
# backend is configured; see docs/search.md for production.
TASKS = {
    "default": {
        "BACKEND": env(
            "DJANGO_TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Caps on the text read from uploaded documents for the search.
ANDELIS_EXTRACTION_MAX_BYTES = env.int("ANDELIS_EXTRACTION_MAX_BYTES", default=50 * 1024 * 1024)
ANDELIS_EXTRACTION_MAX_PAGES = env.int("ANDELIS_EXTRACTION_MAX_PAGES", default=500)
ANDELIS_SEARCH_TEXT_MAX_CHARS = env.int("ANDELIS_SEARCH_TEXT_MAX_CHARS", default=300_000)

# OAI-PMH (docs/oai-pmh.md): records per ListRecords/ListIdentifiers answer, and the
# repository part of identifiers ("oai:<this>:talk/<id>"; empty: the default Site's
# host name, which sync_site_address sets).
OAI_PAGE_SIZE = 50
OAI_REPOSITORY_IDENTIFIER = ""

# Documents: our model (core.models.ColloquiumDocument) stores format, size and page count.
WAGTAILDOCS_DOCUMENT_MODEL = "core.ColloquiumDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "pptx", "odp", "xlsx", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=50 * 1024 * 1024)
# Serving through Django keeps collection privacy even on S3: a redirect to a presigned
# S3 address would bypass it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)

WAGTAIL_FOOTNOTES_REFERENCE_TEMPLATE = "components/footnote_reference.html"
WAGTAIL_FOOTNOTES_TEXT_FEATURES = ["bold", "italic", "link"]

# Visitors' comments (core/comments): spam protection without third-party services.
# The per-IP rate limit (django-ratelimit) needs a cache shared by every process with
# atomic increments: Redis in production (REDIS_URL, required by production.py) and
# in tests. Without REDIS_URL the limit falls back to this process's memory, which
# only dev.py accepts (it silences django-ratelimit's check, see there).
REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": (
        {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "andelis"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
# Behind a reverse proxy, the visitor's address is in a header: set
# DJANGO_CLIENT_IP_HEADER (see "Logins" below), or every visitor shares one limit.
COMMENTS_RATE_LIMIT = "10/10m"

# Security headers that are safe everywhere; HTTPS-only ones are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail sets SAMEORIGIN itself on its preview views.
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# The site's own address. Wagtail's absolute links (e-mails, .ics, sitemap,
# canonical, OpenGraph) come from the default Site's hostname and port:
# `manage.py sync_site_address` writes this address there (run it at deploy).
ANDELIS_SITE_URL = env("ANDELIS_SITE_URL", default=WAGTAILADMIN_BASE_URL)

# Background worker. django-tasks-db stores queued tasks in PostgreSQL and its
# `manage.py db_worker` runs them in a process of its own (production.py makes it
# the default backend; see docs/operations.md). Our db_worker also queues again
# the tasks of a killed worker, at startup and every ANDELIS_WORKER_RECOVERY_SECONDS
# (0: only at startup). ANDELIS_WORKER_STALE_SECONDS only serves databases other
# than PostgreSQL, which have no session locks to tell a dead worker from a slow one.
INSTALLED_APPS += ["django_tasks_db"]
ANDELIS_WORKER_RECOVERY_SECONDS = env.int("ANDELIS_WORKER_RECOVERY_SECONDS", default=60)
ANDELIS_WORKER_STALE_SECONDS = env.int("ANDELIS_WORKER_STALE_SECONDS", default=60 * 60)

# Backups (`make backup`, `make restore`; docs/operations.md). Archives go to
# ANDELIS_BACKUP_DIR; pg_dump/pg_restore of the server's major version are found
# in /usr/lib/postgresql/<major>/bin or on PATH, unless ANDELIS_PG_BIN_DIR names them.
ANDELIS_BACKUP_DIR = env.path("ANDELIS_BACKUP_DIR", default=BASE_DIR / "backups")
ANDELIS_PG_BIN_DIR = env("ANDELIS_PG_BIN_DIR", default="")

# Front cache (Varnish, deploy/varnish/default.vcl; docs/front-cache.md). Wagtail's
# frontend-cache app sends PURGE requests to VARNISH_URL when a page is published,
# unpublished, moved or deleted, and core/frontcache.py when what a page shows changes.
# Unset: no front cache, nothing is purged (`make run`).
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
VARNISH_URL = env("VARNISH_URL", default="")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": VARNISH_URL,
        }
    }

# Serving: health URL, request log, request ids (core/health.py, core/request_log.py;
# docs/deployment.md).
# A check of /sante/ (cache, storage) that has not answered after this many seconds fails.
ANDELIS_HEALTH_TIMEOUT = env.float("ANDELIS_HEALTH_TIMEOUT", default=3.0)
# First, so that its duration covers every other middleware and the view.
MIDDLEWARE = ["core.request_log.RequestLogMiddleware", *MIDDLEWARE]
# Path segments that are secrets, hidden in the request log (the first group of each
# regular expression): a registration's personal link, a password-reset link.
REQUEST_LOG_SECRET_PATHS = [
    r"/inscription/([^/]+)/",
    r"/password_reset/confirm/([^/]+/[^/]+)/",
]
# One JSON line per request on the standard error (gunicorn's access log is off), the
# request id on every other line, and no secret of a path in Django's own lines.
LOGGING.setdefault("filters", {})["request"] = {"()": "core.request_log.RequestLogFilter"}
LOGGING.setdefault("formatters", {}).update(
    {
        "plain": {"format": "%(levelname)s %(name)s request_id=%(request_id)s %(message)s"},
        "message": {"format": "%(message)s"},
    }
)
LOGGING["handlers"]["console"].setdefault("filters", []).append("request")
LOGGING["handlers"]["console"]["formatter"] = "plain"
LOGGING["handlers"]["requests"] = {"class": "logging.StreamHandler", "formatter": "message"}
LOGGING.setdefault("loggers", {}).update(
    {
        "andelis.requests": {
            "handlers": ["requests"],
            "level": env("ANDELIS_REQUEST_LOG_LEVEL", default="INFO"),
            "propagate": False,
        },
        # Django's "Not Found: <path>" lines, with the secrets of the path hidden.
        "django.request": {"filters": ["request"]},
    }
)

# Visitors' forms against abuse (core/forms_protection.py, comments and registration).
# A person needs some seconds to fill a form; a post sooner after its token was made
# is a robot's. A token older than FORMS_MAX_AGE_SECONDS is refused, and a used token
# is remembered in the "ratelimit" cache (Redis) that long, so it is never accepted twice.
FORMS_MIN_SECONDS = 3
FORMS_MAX_AGE_SECONDS = 24 * 60 * 60
# Registrations posted per IP address (django-ratelimit syntax); the rest get a 429.
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", default="5/10m")
# Tokens fetched per IP address by static/js/form-token.js (one per page view).
FORM_TOKEN_RATE_LIMIT = env("FORM_TOKEN_RATE_LIMIT", default="300/10m")
# At most one e-mail a visitor's action sends (confirmation, waiting list, cancellation)
# per address and colloquium in this many seconds; promotions always go.
REGISTRATION_EMAIL_INTERVAL_SECONDS = 60 * 60
# Comment authors' e-mail addresses are erased this many months after the comment
# (`manage.py erase_personal_data`, run daily, with the registrations').
COMMENTS_EMAIL_RETENTION_MONTHS = env.int("COMMENTS_EMAIL_RETENTION_MONTHS", default=6)

# Two-factor authentication for admin accounts (core/twofactor, docs/security.md).
# django-otp: TOTP apps and single-use recovery codes. After the password step of
# the admin login, core.twofactor's middleware asks for a code, or sends to
# enrolment the accounts that must have one. ANDELIS_2FA_REQUIRED (on unless the
# environment says otherwise) requires it of Modérateurs and superusers;
# ANDELIS_2FA_REQUIRED_FOR_EDITORS also of Éditeurs, when the first is on.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "core.twofactor.middleware.TwoFactorMiddleware",
)
ANDELIS_2FA_REQUIRED = env.bool("ANDELIS_2FA_REQUIRED", default=True)
ANDELIS_2FA_REQUIRED_FOR_EDITORS = env.bool("ANDELIS_2FA_REQUIRED_FOR_EDITORS", default=False)
# How many single-use recovery codes a user receives at once.
ANDELIS_2FA_RECOVERY_CODES = 10
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = "ANDELIS"
# Each wrong code doubles the wait before the next try (1, 2, 4, 8… seconds).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Fragment caching (core/fragments.py, docs/performance.md): rendered pieces of public
# pages, kept in this cache (Redis in production) and dropped when what they show changes.
ANDELIS_FRAGMENT_CACHE = "default"
ANDELIS_FRAGMENT_CACHE_SECONDS = env.int("ANDELIS_FRAGMENT_CACHE_SECONDS", default=24 * 60 * 60)

# --- Security: headers, error pages, database failures, request sizes (docs/security.md) ---
# Content-Security-Policy through django-csp 4, without nonces: the front cache serves
# the same bytes to every visitor. DJANGO_CSP_REPORT_ONLY sends the same policies as
# Content-Security-Policy-Report-Only (to try a change without blocking anything).
ANDELIS_CSP_REPORT_ONLY = env.bool("DJANGO_CSP_REPORT_ONLY", default=False)
ANDELIS_CSP_REPORT_URI = env("DJANGO_CSP_REPORT_URI", default="")


def _media_origins():
    """Where uploaded images are served from when they are not on this site (S3)."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    if AWS_S3_ENDPOINT_URL:
        from urllib.parse import urlsplit

        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        # Path-style (endpoint/bucket/key) and virtual-hosted (bucket.endpoint/key) addresses.
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
        ]
    hosts = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
    if AWS_S3_REGION_NAME:
        hosts.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    return hosts


ANDELIS_CSP_MEDIA_ORIGINS = _media_origins()

_CSP_PUBLIC_DIRECTIVES = {
    "default-src": ["'self'"],
    # No 'unsafe-inline': JSON-LD (<script type="application/ld+json">) is data, not run.
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", *ANDELIS_CSP_MEDIA_ORIGINS],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Wagtail 8's admin writes inline <script> (date pickers, inline panels) and style
# attributes, previews pages in a same-origin frame, and shows an image being uploaded
# from a blob: address. Everything else stays as strict as on the public pages (the
# browser tests fail on any violation, tests/browser/test_security_policy.py).
ANDELIS_CSP_ADMIN_DIRECTIVES = {
    **_CSP_PUBLIC_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:", *ANDELIS_CSP_MEDIA_ORIGINS],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
if ANDELIS_CSP_REPORT_URI:
    _CSP_PUBLIC_DIRECTIVES["report-uri"] = [ANDELIS_CSP_REPORT_URI]
    ANDELIS_CSP_ADMIN_DIRECTIVES["report-uri"] = [ANDELIS_CSP_REPORT_URI]
# The admin's policy applies under these paths (the page preview is under /admin/).
ANDELIS_CSP_ADMIN_PATHS = ["/admin/", "/footnotes/"]
CONTENT_SECURITY_POLICY = (
    None if ANDELIS_CSP_REPORT_ONLY else {"DIRECTIVES": _CSP_PUBLIC_DIRECTIVES}
)
CONTENT_SECURITY_POLICY_REPORT_ONLY = (
    {"DIRECTIVES": _CSP_PUBLIC_DIRECTIVES} if ANDELIS_CSP_REPORT_ONLY else None
)

# Browser features the site never uses are off for every page and every frame.
ANDELIS_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# django-csp's system checks refuse its pre-4.0 settings, should any come back.
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "core.headers.SitePolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("core.headers.SitePolicyMiddleware") + 1,
    "core.headers.PermissionsPolicyMiddleware",
)

# French error pages: templates/400.html (also a bad Host header), 403.html,
# 403_csrf.html (Django's CSRF failure view picks it up), 404.html, 500.html and
# 503.html (core.errors.server_error). All but 404 are standalone: no database query,
# no context processor.

# PostgreSQL failures. A database that refuses connections or never answers gives
# visitors a French 503 with Retry-After (core.errors) within DATABASE_CONNECT_TIMEOUT;
# a statement running longer than DATABASE_STATEMENT_TIMEOUT is cancelled, the same way.
# The statement timeout holds for web processes only (andelis/wsgi.py sets
# ANDELIS_WEB_PROCESS): migrate, update_index, backups and the task worker run unbounded.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=5)
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=15)
DATABASE_UNAVAILABLE_RETRY_AFTER = 30
ANDELIS_WEB_PROCESS = env.bool("ANDELIS_WEB_PROCESS", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _database_options = DATABASES["default"].setdefault("OPTIONS", {})
    # libpq counts at least 2 s, whatever smaller value it is given.
    _database_options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    if ANDELIS_WEB_PROCESS and DATABASE_STATEMENT_TIMEOUT:
        _database_options["options"] = " ".join(
            part
            for part in (
                _database_options.get("options", ""),
                f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
            )
            if part
        )

# Request sizes Django accepts; the front server must refuse larger bodies before
# they reach a worker (docs/security.md gives its limits). Form fields, without
# files: 2.5 MB (Django's default). Uploaded files above 2.5 MB go to a temporary
# file, not memory. Wagtail's page forms post many fields: 10,000 (above).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Logins (core/logins, docs/security.md): django-axes counts failed logins per
# (username, client address) on every login form, including the page and
# collection password forms (their "username" is the restriction), and refuses
# the right password too once the limit is reached, until the cool-off ends or
# an administrator unlocks it (Paramètres › Connexions bloquées). Locking the
# username alone would let anyone lock an editor out from anywhere.
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# AxesBackend refuses a locked-out login and authenticates no one itself; being
# also a ModelBackend, it is a valid first backend for force_login() in tests.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.logins.lockout.lockout_response"
# Successful logins are not recorded: only the failures the throttle needs.
AXES_DISABLE_ACCESS_LOG = True
# Django's admin is not installed: the lockouts are shown in Wagtail's.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address: name the
# header in which the proxy puts the client's own address (one address, which the
# proxy overwrites, e.g. nginx's `proxy_set_header X-Real-IP $remote_addr;`).
# The login throttle and the per-address rate limits (django-ratelimit) read it
# through core.client_ip; empty, they use the connection's address (REMOTE_ADDR).
CLIENT_IP_HEADER = env("DJANGO_CLIENT_IP_HEADER", default="")
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"

# Where the private pages' login form (Wagtail's /_util/login/) sends visitors
# when no page asked for it ("next"), and where login_required views send them.
LOGIN_URL = "wagtailcore_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "core/logins/login.html"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "core/logins/password_required.html"  # noqa: S105
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "core/logins/password_required.html"  # noqa: S105

# The admin's "Mot de passe oublié ?" form sends at most this many e-mails per
# address, and takes at most this many requests per client address
# (django-ratelimit rates, on the "ratelimit" cache).
PASSWORD_RESET_RATE_PER_ADDRESS = env("PASSWORD_RESET_RATE_PER_ADDRESS", default="3/h")
PASSWORD_RESET_RATE_PER_IP = env("PASSWORD_RESET_RATE_PER_IP", default="10/h")

# The admin login form with its password field labelled in French (core/logins/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "core.logins.forms.AdminLoginForm"
