"""Settings shared by every environment; safe for production on their own.

Anything secret or deployment-specific comes from the environment (see the
table in README.md). Insecure conveniences live in ``dev.py`` only.
"""

from datetime import timedelta
from pathlib import Path

import environ
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
    "search",
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
# after the colloquium ends (`manage.py erase_registrations`, run daily).
REGISTRATION_RETENTION_MONTHS = env.int("REGISTRATION_RETENTION_MONTHS", default=6)

# Wagtail
WAGTAIL_SITE_NAME = "ANDELIS"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Site search: Wagtail's database backend. On PostgreSQL it uses the French
# configuration that also folds accents (created by search/migrations/0001);
# SQLite ignores it. See docs/search.md.
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
# Threads (each with its own database connection) that count a search's facets
# while its results are ranked (search/query.py); 0 runs both one after the other.
ANDELIS_SEARCH_THREADS = env.int("ANDELIS_SEARCH_THREADS", default=4)

# Documents: our model stores format, size and page count; see core/models/documents.py.
WAGTAILDOCS_DOCUMENT_MODEL = "core.ColloquiumDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "pptx", "odp", "xlsx", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=50 * 1024 * 1024)
# Serving through Django keeps collection privacy even on S3 (see FIELD-NOTES).
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
# A person needs some seconds to write a comment; a faster post is a robot's.
COMMENTS_MIN_SECONDS = 3
# A form older than this is refused (its signed timestamp has expired).
COMMENTS_MAX_AGE_SECONDS = 24 * 60 * 60

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
