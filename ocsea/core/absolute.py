"""Absolute URLs from one configured base URL.

``settings.OCSEA_BASE_URL`` (the ``OCSEA_BASE_URL`` environment variable, required in
production) is the scheme and host every absolute link uses: hreflang and canonical links,
notification e-mails. Without it (development), the request's own scheme and host are used,
so a link is never ``http://localhost`` unless the site is really browsed there.
"""

from django.conf import settings


def base_url(request=None):
    configured = (getattr(settings, "OCSEA_BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return (settings.WAGTAILADMIN_BASE_URL or "").rstrip("/")


def absolute_url(path, request=None):
    """``path`` (a site-relative URL such as ``/en/practices/``) made absolute."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return base_url(request) + path
