"""Settings shared by every environment; dev, test and production extend them."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "ocsea.core",
    "taxonomy",
    "countries",
    "search_tuning",
    "practices",
    "report",
    "localisation",
    "editorial",
    "submissions",
    "country_coverage",
    "opendata",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
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
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ocsea.core.middleware.RejectInvalidInputMiddleware",
    "ocsea.core.middleware.ContentSecurityPolicyMiddleware",
    "ocsea.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A repeated anonymous practice listing, from the cache before Wagtail's page routing: after
    # the middleware above (authentication, and the headers they add on the way out).
    "practices.middleware.CachedListingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A refused publication (practices.publication) becomes an admin error message.
    "editorial.middleware.PublicationRefusedMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ocsea.urls"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "ocsea.wsgi.application"

# Bounded waits for PostgreSQL, so that an unreachable or hung server costs a visitor a few
# seconds and a 503 page, not a hung request: the connection attempt, each statement on the
# server, and (ocsea.core.db.postgresql) each wait for the server's answer. 0 disables the
# statement bound (manage.py does, for migrations and loaders).
OCSEA_DATABASE_CONNECT_TIMEOUT = int(os.environ.get("OCSEA_DATABASE_CONNECT_TIMEOUT", "2"))
OCSEA_DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("OCSEA_DATABASE_STATEMENT_TIMEOUT", "3"))
# PostgreSQL's cost of a random page read against a sequential one. Its default, 4, assumes
# spinning disks: it then scans the whole search index (detoasting every body vector) for a
# common word instead of reading its GIN indexes, 52 ms against 8 ms at 10,000 practices
# (issue 13). On SSD or cached storage, 1.1 is the usual setting; 0 keeps the server's own.
OCSEA_DATABASE_RANDOM_PAGE_COST = float(os.environ.get("OCSEA_DATABASE_RANDOM_PAGE_COST", "1.1"))


def database_from_url(url, **kwargs):
    """One URL configures the database everywhere (SQLite by default, PostgreSQL in production)."""
    database = dj_database_url.parse(url, **kwargs)
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["ENGINE"] = "ocsea.core.db.postgresql"
        database.setdefault("OPTIONS", {})["connect_timeout"] = OCSEA_DATABASE_CONNECT_TIMEOUT
        settings = []
        if OCSEA_DATABASE_STATEMENT_TIMEOUT:
            settings.append(f"-c statement_timeout={int(OCSEA_DATABASE_STATEMENT_TIMEOUT * 1000)}")
        if OCSEA_DATABASE_RANDOM_PAGE_COST:
            settings.append(f"-c random_page_cost={OCSEA_DATABASE_RANDOM_PAGE_COST}")
        if settings:
            database["OPTIONS"]["options"] = " ".join(settings)
    return database


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses any login while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "ocsea.core.auth.ModelBackendWithoutDemoAccounts",
]
# Login throttling (django-axes), on every login form (Wagtail's admin, Django's admin): after
# 5 failures for one username from one client address, that pair is locked out for 15 minutes.
# Failures are stored in the database, so the lockout holds across app servers and without
# the cache. The address is the one the submission rate limit uses (OCSEA_TRUSTED_PROXY_HOPS).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ocsea.core.clients.axes_client_address"
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
# Axes announces itself on every management command otherwise.
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source language; more are added by configuration alone.
LANGUAGE_NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "de": _("German"),
    "it": _("Italian"),
    "es": _("Spanish"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "pt": _("Portuguese"),
    "nl": _("Dutch"),
    "pl": _("Polish"),
    "tr": _("Turkish"),
}
LANGUAGE_CODE = "en"
_language_codes = [
    code.strip() for code in os.environ.get("OCSEA_LANGUAGES", "en,fr").split(",") if code.strip()
]
if LANGUAGE_CODE not in _language_codes:
    _language_codes.insert(0, LANGUAGE_CODE)
LANGUAGES = [
    (
        code,
        LANGUAGE_NAMES[code]
        if code in LANGUAGE_NAMES
        else LANG_INFO.get(code, {}).get("name", code),
    )
    for code in _language_codes
]
# Machine translation in wagtail-localize's editor, only when a DeepL key is configured.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }
WAGTAIL_I18N_ENABLED = True
# Translating a live page makes a draft: a translation goes live only when a moderator approves
# it in the "Translation review" workflow (wagtail-localize would publish it at once otherwise).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "ocsea" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "OCSEA Practice Atlas"
# The one base URL of absolute links (hreflang, canonical, e-mails): ocsea.core.absolute.
# Unset in development, where each request's own host is used.
OCSEA_BASE_URL = os.environ.get("OCSEA_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", OCSEA_BASE_URL or "http://127.0.0.1:8000"
)
# The admin makes no third-party request: no Gravatar avatars (they would send a hash of each
# user's email address) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
TAGGIT_CASE_INSENSITIVE = True

# The database backend is PostgreSQL full-text search on PostgreSQL and FTS5 on SQLite;
# localisation.search stems each page in its own language on PostgreSQL (french, english...).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "localisation.search",
        "SEARCH_CONFIG": "english",
    }
}

# Search tuning (search_tuning, README "Search that forgives"): 0 turns off the fallback,
# synonyms, names and suggestions (to measure the search as it was, bench/search_quality.py).
OCSEA_SEARCH_TUNING = os.environ.get("OCSEA_SEARCH_TUNING", "1") != "0"
# Wagtail's query log keeps daily counts this many days (search_garbage_collect), enough for
# the "Searches with no results" report's 30 days.
WAGTAILSEARCH_HITS_MAX_AGE = 30

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous practice listings are cached until a practice or a term changes (0 disables it).
OCSEA_LISTING_CACHE_SECONDS = int(os.environ.get("OCSEA_LISTING_CACHE_SECONDS", "600"))

# Content-Security-Policy (django-csp 4). Public pages run no inline script or style and load
# everything from the site itself; JSON-LD data blocks are not scripts and need nothing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's and Django's admin, on their own paths (ocsea.core.middleware): Wagtail's admin
# runs inline scripts (seen blocked in Chromium, tests/test_browser_csp.py), writes inline
# style attributes and shows previews and images from blob: and data: URLs. Everything still
# comes from the site itself.
OCSEA_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
OCSEA_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}
OCSEA_PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)
# The admin requests nothing from other sites: no Gravatar avatars, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every page save logs its background tasks and publication at INFO; keep them for debugging.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# The public API (/api/v2/, opendata.api) answers JSON only: "rest_framework" stays out of
# INSTALLED_APPS, so Wagtail adds no browsable API (its pages run inline scripts, which the CSP
# refuses). It knows visitors by their session only: no HTTP Basic login beside the login forms.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

# The licence of the open data (/data/*, listing downloads, API), an SPDX identifier: shown in
# /data/datapackage.json. The default is a proposal that the atlas's owner must confirm.
OCSEA_OPEN_DATA_LICENSE = os.environ.get("OCSEA_OPEN_DATA_LICENSE", "CC-BY-4.0")

# Where the content loader reads its data files.
OCSEA_FIXTURES_DIR = BASE_DIR / "fixtures"
# Practitioner submissions ("Suggest a practice"): at most this many per client IP address per
# period (seconds), counted in the shared cache.
OCSEA_SUBMISSIONS_RATE_LIMIT = int(os.environ.get("OCSEA_SUBMISSIONS_RATE_LIMIT", "5"))
OCSEA_SUBMISSIONS_RATE_PERIOD = int(os.environ.get("OCSEA_SUBMISSIONS_RATE_PERIOD", "3600"))
# How many proxies in front of the app servers (CDN, load balancer) append to X-Forwarded-For;
# 0 means clients connect directly and REMOTE_ADDR is their address.
OCSEA_TRUSTED_PROXY_HOPS = int(os.environ.get("OCSEA_TRUSTED_PROXY_HOPS", "0"))
# Demo accounts with published passwords may only ever exist where this is True.
OCSEA_DEMO_ACCOUNTS_ALLOWED = False
