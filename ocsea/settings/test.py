import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite runs on SQLite by default and on PostgreSQL when CI sets DATABASE_URL.
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///:memory:"))}  # noqa: F405
# No statement bound on the suite's own database, neither PostgreSQL's statement_timeout nor the
# backend's wait for an answer (ocsea.core.db.postgresql): on a busy CI machine, flushing every
# table between browser tests or dropping the test database can take longer than production's
# 3 s. The fault tests run their own servers with the production bounds (tests/services.py).
OCSEA_DATABASE_STATEMENT_TIMEOUT = 0
DATABASES["default"].get("OPTIONS", {}).pop("options", None)
OCSEA_DEMO_ACCOUNTS_ALLOWED = True
# Tests exercise the machine-translation path without any external service.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
}
