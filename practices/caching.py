"""One cache generation for everything derived from live practices and their vocabularies.

Listing responses and the facet vocabulary are cached under keys that include the current
generation; publishing, unpublishing or deleting a practice, or saving a term or a tag, bumps
it. The generation lives in the shared cache (Redis in production), so every app server sees
the change at once; old entries simply expire.
"""

import hashlib
from dataclasses import asdict

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from ocsea.core.generations import Generation

LISTINGS = Generation("practices:listing-generation")


# Pages past this one are served but not cached: Paginator.get_page answers any number (the
# last page), so caching them would let a client create one entry per number.
MAX_CACHED_PAGE = 1000


def listing_cache_key(index_page, request, kind):
    """The response cache key for an anonymous listing request, or None if it must not be cached."""
    return listing_key(index_page.pk, index_page.locale, request, kind)


def listing_key(index_pk, locale, request, kind):
    """The response cache key of a listing request to the index page ``index_pk`` in ``locale``.

    None if the response must not be cached (a logged-in user, the cache turned off, a page past
    ``MAX_CACHED_PAGE``). The key is built from the request as the listing understands it
    (``parse_query``: known parameters, known values, cleaned text, notices), never from the raw
    query string, so that junk parameters, unknown values, repeats and reorderings all share one
    entry. The one key function of ``listing.serve_listing`` and of the middleware that serves
    cached listings before page routing (``practices.middleware``): ``locale`` only needs its
    ``language_code`` while the facet vocabulary is cached.
    """
    if not settings.OCSEA_LISTING_CACHE_SECONDS or request.user.is_authenticated:
        return None
    from .facets import facet_vocabulary
    from .listing import parse_query

    query = parse_query(request.GET, facet_vocabulary(locale))
    understood = asdict(query)
    understood["selected"] = sorted(
        (param, sorted(values)) for param, values in query.selected.items()
    )
    understood["notices"] = [str(notice) for notice in query.notices]
    understood["page"] = int(query.page)  # parse_query reads anything but 1, 2, … as page 1
    if understood["page"] > MAX_CACHED_PAGE:
        return None
    digest = hashlib.sha256(repr(sorted(understood.items())).encode()).hexdigest()[:32]
    return ":".join(
        [
            "practices:listing",
            str(LISTINGS.current()),
            str(index_pk),
            get_language() or "",
            kind,  # html, json or a download format (listing.response_kind)
            digest,
        ]
    )


# Which listing a path is, learnt when ``serve_listing`` serves a cacheable response, so that an
# anonymous request is answered before Wagtail's page routing (practices.middleware). Kept
# under the current generation, which publishing, unpublishing, moving or deleting any page and
# changing a view restriction, a site or a locale move on (practices.apps): an old path is
# never answered after the change.
ROUTE_SECONDS = 24 * 3600


def listing_route_key(request):
    """The cache key naming the listing at this request's host and path."""
    where = f"{request.get_host()}\n{request.path}".encode()
    digest = hashlib.sha256(where).hexdigest()[:32]
    return f"practices:listing-route:{LISTINGS.current()}:{digest}"


def remember_listing_route(index_page, request):
    """Remember that this host and path serve ``index_page``: ``(pk, locale pk, language)``.

    Only for pages that anyone may see: the middleware skips Wagtail's view restrictions, so an
    index page under a password or a login restriction is always routed (one query, the first
    time in a while per path).
    """
    key = listing_route_key(request)
    if cache.get(key) is not None:
        return
    if index_page.get_view_restrictions().exists():
        return
    locale = index_page.locale
    cache.set(key, (index_page.pk, locale.pk, locale.language_code), ROUTE_SECONDS)


def cached_listing_route(request):
    """``(index page pk, Locale)`` for this host and path if a listing was served there, else
    None; the Locale is unsaved, with only its pk and language code (no query)."""
    from wagtail.models import Locale

    route = cache.get(listing_route_key(request))
    if route is None:
        return None
    index_pk, locale_pk, language_code = route
    return index_pk, Locale(pk=locale_pk, language_code=language_code)


def routed_index_page(index_pk):
    """The live index page ``index_pk`` with its locale, kept per process and generation (one
    query per generation), or None: what Wagtail's routing would have found for the path."""
    from ocsea.core import memo

    from .models import PracticeIndexPage

    def find():
        return PracticeIndexPage.objects.live().select_related("locale").filter(pk=index_pk).first()

    return memo.remembered(("listing-index-page", index_pk), LISTINGS.current(), find)


def routed_site(request):
    """The Wagtail site of ``request``'s host, kept per process and generation (site changes
    move it on): what ``Site.find_for_request`` would look up again on every request."""
    from wagtail.models import Site

    from ocsea.core import memo

    return memo.remembered(
        ("listing-site", request.get_host()),
        LISTINGS.current(),
        lambda: Site.find_for_request(request),
    )


def recognised_parameters(params):
    """``params`` less those the listing does not read, so a cached page never echoes them."""
    from .facets import FACETS

    known = {facet.param for facet in FACETS} | LISTING_PARAMETERS
    cleaned = params.copy()
    for key in list(cleaned):
        if key not in known:
            del cleaned[key]
    return cleaned


# The listing's own parameters besides the facets' (keep in step with listing.parse_query).
LISTING_PARAMETERS = {"q", "sort", "page", "format", "translated", "expand"}
