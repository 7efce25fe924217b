"""Production: every secret comes from the environment, with no default (see .env.example)."""

import os

from .base import *  # noqa: F403

DEBUG = False
# Static files are served by the app servers (and cached by the CDN), compressed and hashed.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ["DJANGO_ALLOWED_HOSTS"].split(",")
CSRF_TRUSTED_ORIGINS = os.environ["DJANGO_CSRF_TRUSTED_ORIGINS"].split(",")
# Absolute links use one configured base URL (OCSEA_BASE_URL; WAGTAILADMIN_BASE_URL is its
# older name, still read), never the host of whichever request built them.
OCSEA_BASE_URL = (os.environ.get("OCSEA_BASE_URL") or os.environ["WAGTAILADMIN_BASE_URL"]).rstrip(
    "/"
)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or OCSEA_BASE_URL

DATABASES = {
    "default": database_from_url(  # noqa: F405
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Several stateless app servers share one cache, so sessions and page caches live in Redis.
# The cache is never required: when Redis is unreachable or slow, a cache call gives up within
# OCSEA_REDIS_TIMEOUT seconds, is logged (django_redis.cache) and behaves as a miss, and Redis
# is left alone for a few seconds (ocsea.core.cache), so pages are served from the database;
# sessions are stored in the database too (cached_db).
_redis_timeout = float(os.environ.get("OCSEA_REDIS_TIMEOUT", "0.5"))
CACHES = {
    "default": {
        "BACKEND": "ocsea.core.cache.FailSafeRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": _redis_timeout,
            "SOCKET_TIMEOUT": _redis_timeout,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = True
DEFAULT_FROM_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]

# Behind a CDN / load balancer that terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
OCSEA_DEMO_ACCOUNTS_ALLOWED = False
