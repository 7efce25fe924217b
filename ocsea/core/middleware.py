"""Request hygiene and security headers for every response."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict

# Characters no legitimate URL, query or form value contains, and that PostgreSQL refuses in
# text (NUL) or that only serve to smuggle (the other C0 controls except tab and newlines).
FORBIDDEN_CHARACTERS = frozenset(chr(code) for code in range(32)) - {"\t", "\n", "\r"}
STRIP_FORBIDDEN = str.maketrans(dict.fromkeys(FORBIDDEN_CHARACTERS))


def has_forbidden_character(value):
    return not FORBIDDEN_CHARACTERS.isdisjoint(value)


def without_forbidden_characters(query):
    """``query`` (a QueryDict), else a copy with NUL and other control characters removed from
    its keys and values if it holds any."""
    if not any(
        has_forbidden_character(key) or any(map(has_forbidden_character, values))
        for key, values in query.lists()
    ):
        return query
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(
            key.translate(STRIP_FORBIDDEN), [value.translate(STRIP_FORBIDDEN) for value in values]
        )
    cleaned._mutable = False
    return cleaned


class RejectInvalidInputMiddleware:
    """NUL and other control characters never reach a view: 400 in the path, ignored elsewhere.

    Without it a NUL byte reaches PostgreSQL and raises DataError (a 500) wherever a parameter
    is used in a query, and every view would have to remember to clean each one. In query and
    form parameters they are dropped (the listing already ignores what it cannot use, with a
    notice); in the path no page could match, so the request is refused.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_forbidden_character(request.path):
            return HttpResponseBadRequest(
                "Bad request: the address holds invalid characters.",
                content_type="text/plain; charset=utf-8",
            )
        request.GET = without_forbidden_characters(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = without_forbidden_characters(request.POST)
        return self.get_response(request)


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy on the admin paths.

    The public site's policy (``CONTENT_SECURITY_POLICY``) allows no inline script or style;
    Wagtail's and Django's admin need a little more (``OCSEA_ADMIN_CONTENT_SECURITY_POLICY``).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.OCSEA_ADMIN_PATH_PREFIXES)
        ):
            parts.config = default_config(settings.OCSEA_ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class PermissionsPolicyMiddleware:
    """Deny the browser features the site never uses (camera, geolocation, payment...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.OCSEA_PERMISSIONS_POLICY)
        return response
