"""The one settings module. Every value that differs between a laptop and production comes from an
environment variable, with a default that is safe and works on a fresh clone (SQLite, no secrets)."""

from __future__ import annotations

import os
import re
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use true or false.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_DEBUG=true for local development (`make run` does)."
        )
    SECRET_KEY = "insecure-key-for-local-development-and-tests-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The one address absolute links are built from (canonical links, sitemap, emails): never the
# request's Host header in production. helpcenter.siteurl reads it.
HELPCENTER_SITE_URL = os.environ.get("HELPCENTER_SITE_URL", "").strip().rstrip("/")
if HELPCENTER_SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", HELPCENTER_SITE_URL):
    raise ImproperlyConfigured(
        f"HELPCENTER_SITE_URL={HELPCENTER_SITE_URL!r}: write the scheme and host only, "
        "for example https://help.zeliq.com"
    )
if not HELPCENTER_SITE_URL and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        "HELPCENTER_SITE_URL is not set: set it to the site's public address, for example "
        "https://help.zeliq.com (`make serve` sets it to the local address)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_http_compression",
    "axes",
    "helpcenter",
    "wizard",
]

MIDDLEWARE = [
    # Outermost, so that every response carries the security headers: redirects, 400s and 429s too.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # ETag and 304 for every response, pages served from the cache included.
    "helpcenter.middleware.ConditionalGetMiddleware",
    # Stores the pages that say Cache-Control: public (helpcenter.pagecache); it sees every
    # response after the middleware below has finished it.
    "helpcenter.pagecache.PageCacheUpdateMiddleware",
    # Before SessionMiddleware, so that reading the language never touches the session
    # and public pages do not get "Vary: Cookie".
    "django.middleware.locale.LocaleMiddleware",
    # Serves a stored page once the language is known; a hit skips everything below.
    "helpcenter.pagecache.PageCacheFetchMiddleware",
    # zstd, Brotli or gzip, before a page is stored, so that a hit is not compressed again.
    "helpcenter.middleware.CompressionMiddleware",
    "helpcenter.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "helpcenter.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a refused request (helpcenter.ratelimits) into a clear 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "helpcenter.urls"
WSGI_APPLICATION = "helpcenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helpcenter.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer costs a request a couple of seconds, not a hang.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (votes, events from many clients) queue for the write lock instead of
    # failing with "database is locked": each transaction takes it at BEGIN, and waits for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            # Django's Redis backend, serving on (uncached) while Redis does not answer.
            "BACKEND": "helpcenter.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer costs a request at most this long, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization. French is the source language of the help center.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# Django finds app-level locale directories on its own; the project-level one must be listed.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

CONTENT_DIR = Path(os.environ.get("HELPCENTER_CONTENT_DIR", BASE_DIR / "content"))

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security headers. Every script and style is a static file, so no nonce is needed and pages
# stay cacheable; inline <script>, <style> and style="" are all refused.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "manifest-src": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a TLS-terminating load balancer, it tells Django the original scheme.
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Anonymous POSTs per client and per view, counted in the default cache (shared by all app servers
# when REDIS_URL is set): "30/m" is 30 a minute; s, m, h and d work. Writes store something
# (feedback, counters); forms only compute (the paste reader, the live email preview).
HELPCENTER_WRITE_RATE = os.environ.get("HELPCENTER_WRITE_RATE", "30/m")
HELPCENTER_FORM_RATE = os.environ.get("HELPCENTER_FORM_RATE", "120/m")
RATELIMIT_VIEW = "helpcenter.ratelimits.too_many_requests"
# Behind a load balancer the client is not REMOTE_ADDR: name the header it sets (for example
# HTTP_X_REAL_IP); django-ratelimit reads the client's address from it.
RATELIMIT_IP_META_KEY = os.environ.get("HELPCENTER_CLIENT_IP_HEADER") or None

# Where the help center sends people it cannot help: shown on the wizard's outcomes.
HELPCENTER_SUPPORT_EMAIL = os.environ.get("HELPCENTER_SUPPORT_EMAIL", "support@zeliq.com")

# Zeliq's application (client) ID in Microsoft Entra. When set, admin emails and guides carry the
# one-click admin consent link for the user's tenant; when empty, that link is left out.
ZELIQ_CLIENT_ID = os.environ.get("ZELIQ_CLIENT_ID", "").strip().lower()
if ZELIQ_CLIENT_ID and not re.fullmatch(
    r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}", ZELIQ_CLIENT_ID
):
    raise ImproperlyConfigured(
        "ZELIQ_CLIENT_ID must be a GUID such as 00000000-0000-0000-0000-000000000000."
    )

# Staff accounts (support agents): the site's own login page, and the agents' pages after it.
LOGIN_URL = "helpcenter:login"
LOGIN_REDIRECT_URL = "agents:dashboard"
LOGOUT_REDIRECT_URL = "helpcenter:home"
# A forged or missing CSRF token on a staff form: a clear page in the site's look.
CSRF_FAILURE_VIEW = "helpcenter.staff.csrf_failure"

# Logins (this site's and /admin/'s) are locked per account and client after a few failures
# (django-axes, attempts kept in the database, so all app servers agree).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("HELPCENTER_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("HELPCENTER_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "helpcenter.staff.locked_out"
AXES_CLIENT_IP_CALLABLE = "helpcenter.staff.client_ip"
# Successful logins are not logged (no IP address or browser kept for them).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Support agents' short links (/l/<code>/): how long one works, unless the agent picks otherwise,
# and how long a visit that came from one is tied to it (the events of that visit carry its code).
HELPCENTER_SHORT_LINK_DAYS = env_int("HELPCENTER_SHORT_LINK_DAYS", 30)
HELPCENTER_LINK_COOKIE_SECONDS = 24 * 3600
# Anonymous events older than this are deleted by `manage.py purge_events` (run it daily).
HELPCENTER_EVENT_RETENTION_DAYS = env_int("HELPCENTER_EVENT_RETENTION_DAYS", 180)
