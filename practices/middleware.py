"""Repeated anonymous listings, answered before Wagtail's page routing with no query.

A cached listing still cost Wagtail's routing (the site, the page tree: about 7 queries) before
``serve_listing`` found its response in the cache. This middleware recognises a listing path
that ``serve_listing`` has already served (the path -> index page mapping it keeps in the cache,
``practices.caching.remember_listing_route``), computes the same key (``listing_key``) and
returns the cached response with the same headers. Whenever a piece is missing from the cache,
or anything would need the database, the request goes on to the normal routing.
"""

from django.conf import settings
from django.db import connection


class QueryNeeded(Exception):
    """Raised instead of running a query while a cached listing is looked up."""


def refuse_queries(execute, sql, params, many, context):
    raise QueryNeeded(sql)


class CachedListingMiddleware:
    """Place after AuthenticationMiddleware (it reads ``request.user``) and after the
    middleware that add headers on the way out (XFrameOptionsMiddleware...), so that a cached
    answer gets them as a routed one does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.cached(request)
        if response is None:
            response = self.get_response(request)
        return response

    def cached(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.OCSEA_LISTING_CACHE_SECONDS
            # A session may hold a login (never served the anonymous page) or a page password:
            # reading it would be a query, so such requests are routed as before.
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        from .listing import cached_listing, finish_listing_response

        try:
            with connection.execute_wrapper(refuse_queries):
                found = cached_listing(request)
        except QueryNeeded:
            return None
        if found is None:
            return None
        # Outside the guard: logging the search may flush the buffered search log.
        return finish_listing_response(*found)
