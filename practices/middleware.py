"""Anonymous listings, answered before Wagtail's page routing.

Wagtail's routing costs a listing about 7 queries (the site, the page tree, view restrictions)
before ``serve_listing`` runs. This middleware recognises a listing path that ``serve_listing``
has already served (the path -> index page mapping it keeps in the cache under the current
generation, ``practices.caching.remember_listing_route``). A repeated request gets the cached
response under ``serve_listing``'s own key, with no query at all; a new filter combination is
served by ``serve_listing`` with the index page kept per process and generation
(``routed_index_page``). Whenever a piece is missing from the cache, the request goes on to the
normal routing.
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
            # A session may hold a login (never served the anonymous page) or a page password:
            # reading it would be a query, so such requests are routed as before.
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        from .caching import routed_index_page, routed_site
        from .listing import cached_listing, finish_listing_response, serve_listing

        try:
            with connection.execute_wrapper(refuse_queries):
                found = cached_listing(request)
        except QueryNeeded:
            return None
        if found is None:
            return None
        index_pk, response, cache_key = found
        if response is not None:
            # Outside the guard: logging the search may flush the buffered search log.
            return finish_listing_response(response, cache_key)
        # A listing path with a combination not cached yet: served without page routing too,
        # by the page routing would find (Wagtail's view-restriction check is not skipped: the
        # path is remembered only for index pages without restrictions).
        index_page = routed_index_page(index_pk)
        if index_page is None:
            return None
        # Wagtail's Site.find_for_request keeps its answer on the request under this name.
        request._wagtail_site = routed_site(request)
        return serve_listing(index_page, request)
