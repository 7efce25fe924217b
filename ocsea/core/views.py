import csv
import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)

HEALTHZ_CACHE_KEY = "healthz:probe"


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return "error"
    return "ok"


def cache_status():
    """The shared cache answers a write and a read (it fails open: the site serves without it)."""
    try:
        value = str(id(cache))
        cache.set(HEALTHZ_CACHE_KEY, value, 30)
        return "ok" if cache.get(HEALTHZ_CACHE_KEY) == value else "error"
    except Exception:  # any backend failure: the health check must report it, not raise
        logger.exception("Health check: the cache does not answer")
        return "error"


@never_cache
def healthz(request):
    """Each dependency's state; 503 only when the site cannot serve (the database is down).

    Load balancers poll it: a failing cache degrades speed, not service, so it must not take
    every app server out of rotation.
    """
    checks = {"database": database_status(), "cache": cache_status()}
    serving = checks["database"] == "ok"
    status = "ok" if all(state == "ok" for state in checks.values()) else "degraded"
    return JsonResponse(
        {"status": status if serving else "error", **checks}, status=200 if serving else 503
    )


# Raised when the database cannot be reached, or did not answer in time.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    """handler500: a database outage is a 503 "try again shortly" page, not a 500.

    Django calls it while handling the exception, so ``sys.exc_info()`` holds it. The page
    renders without the database, in the language of the URL or the browser.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, UNAVAILABLE_ERRORS):
        return default_server_error(request, template_name)
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    with translation.override(language or settings.LANGUAGE_CODE):
        body = loader.render_to_string("503.html", request=None)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def tabular_response(rows, fields, fmt, filename):
    """Rows of dicts as JSON (a list) or CSV (lists joined by ';', None as empty)."""
    if fmt == "json":
        return JsonResponse(rows, safe=False, json_dumps_params={"ensure_ascii": False})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_value(row[key]) for key in fields})
    return response


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return value
