"""One cache generation for everything derived from live practices and their vocabularies.

Listing responses and the facet vocabulary are cached under keys that include the current
generation; publishing, unpublishing or deleting a practice, or saving a term or a tag, bumps
it. The generation lives in the shared cache (Redis in production), so every app server sees
the change at once; old entries simply expire.
"""

import hashlib
from dataclasses import asdict

from django.conf import settings
from django.utils.translation import get_language

from ocsea.core.generations import Generation

LISTINGS = Generation("practices:listing-generation")


# Pages past this one are served but not cached: Paginator.get_page answers any number (the
# last page), so caching them would let a client create one entry per number.
MAX_CACHED_PAGE = 1000


def listing_cache_key(index_page, request, kind):
    """The response cache key for an anonymous listing request, or None if it must not be cached.

    The key is built from the request as the listing understands it (``parse_query``: known
    parameters, known values, cleaned text, notices), never from the raw query string, so that
    junk parameters, unknown values, repeats and reorderings all share one entry.
    """
    if not settings.OCSEA_LISTING_CACHE_SECONDS or request.user.is_authenticated:
        return None
    from .facets import facet_vocabulary
    from .listing import parse_query

    query = parse_query(request.GET, facet_vocabulary(index_page.locale))
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
            str(index_page.pk),
            get_language() or "",
            kind,  # html, json or a download format (listing.response_kind)
            digest,
        ]
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
