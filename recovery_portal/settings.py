"""Settings for Recovery Portal.

One module for every environment: what differs between a laptop, CI and
production comes from environment variables (see the README).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true/false), not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# `make bench` only: also route a trivial view (/bench/plain) to compare the pages against.
BENCH = env_bool("DJANGO_BENCH")

# Required to serve (recovery_portal.startup checks it at start-up); commands
# that sign nothing, such as migrate, run without it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "recovery_portal.tags_app.TagsConfig",  # django-taggit, named "Tags" in admin
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "publishing",
    "research",
    "themes",
    "reflections",
    "recovery_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "recovery_portal.signed_in.AuthenticationMiddleware",  # Django's, taking who is signed in from the session
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "recovery_portal.middleware.security_headers",
    "recovery_portal.middleware.public_page_cache",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recovery_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% url %} remembering the URLs every header names (recovery_portal.template_urls), and {% memo %}
            # for the parts of base.html that only the code decides (recovery_portal.template_memo).
            "builtins": ["recovery_portal.template_urls", "recovery_portal.template_memo"],
        },
    },
]

WSGI_APPLICATION = "recovery_portal.wsgi.application"

# Database: SQLite file by default; DATABASE_URL names anything else.
_DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
_database_url = os.environ.get("DATABASE_URL") or _DEFAULT_DATABASE_URL
try:
    _database = dj_database_url.parse(
        _database_url,
        # Persistent connections: a new PostgreSQL connection per request
        # costs several times a page's own work.
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {error}") from None
if not _database.get("ENGINE"):
    raise ImproperlyConfigured(f"DATABASE_URL names no known database engine: {_database_url!r}")
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's ModelBackend, taking a signed-in person as their session loaded them, with their permissions and
# unread notifications (recovery_portal.signed_in). Sessions name it, so code that logs someone in without a
# password does too.
SIGNED_IN_BACKEND = "recovery_portal.signed_in.SignedInBackend"
# Login attempts are limited (django-axes): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair waits out the cool-off.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", SIGNED_IN_BACKEND]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Behind a reverse proxy, how to find the client's address (recovery_portal.client_ip),
# so that login limits key on the client, not on the proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "").strip()
if TRUSTED_PROXY_COUNT < 0 or (TRUSTED_PROXY_COUNT and CLIENT_IP_HEADER):
    raise ImproperlyConfigured(
        "Set either TRUSTED_PROXY_COUNT (a number of proxies, 1 or more) or CLIENT_IP_HEADER, not both."
    )
AXES_CLIENT_IP_CALLABLE = "recovery_portal.client_ip.client_ip"

# A form whose CSRF check fails gets the site's own page, saying what to do.
CSRF_FAILURE_VIEW = "recovery_portal.views.csrf_failure"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One tag page gathers every kind of content, so "Hope" and "hope" are one tag.
TAGGIT_CASE_INSENSITIVE = True
# An agreed vocabulary: tags are picked from the existing ones, and only people
# who may add tags (curators) create new ones. Set to 0 for free-text tagging.
TAG_VOCABULARY_CLOSED = env_bool("TAG_VOCABULARY_CLOSED", True)
# The largest reference file curators may import in admin. About 10,000
# records fit in 6 MB and import in well under gunicorn's timeout
# (gunicorn.conf.py); larger files are for `manage.py import_research`.
IMPORT_UPLOAD_MAX_MB = env_int("IMPORT_UPLOAD_MAX_MB", 6)

# Cache: Redis when REDIS_URL is set (shared by every app instance), else local memory.
# Optional and never fatal: with Redis down, pages are served uncached (recovery_portal.cache).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "recovery_portal.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
# Sessions and login limits live in the database, so they never depend on the cache. Sessions are Django's
# database sessions in accounts.Session, read in one query with the person they name (recovery_portal.signed_in).
SESSION_ENGINE = "recovery_portal.signed_in"

# Anonymous visitors get public pages from the cache for this long (0: never).
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 0 if DEBUG else 60)

# Email: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Recovery Portal <noreply@localhost>")

# Links in emails point here (no request to take the address from when a task sends them).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks (emails, reminders): queued in the database and run by `manage.py db_worker`
# beside gunicorn. DJANGO_TASKS_IMMEDIATE=1 (the default with DJANGO_DEBUG, and in tests) runs
# them at once, in the request, so `make run` needs no worker.
TASKS_IMMEDIATE = env_bool("DJANGO_TASKS_IMMEDIATE", DEBUG)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Security. Behind a TLS-terminating proxy, set DJANGO_SECURE_PROXY_SSL_HEADER=1.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A strict policy: our own scripts and styles only, nothing inline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print each of its messages a second time.
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # django-axes announces itself at every start; its lockout warnings still show.
        "axes.apps": {"level": "WARNING"},
    },
}
