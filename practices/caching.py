"""One cache generation for everything derived from live practices and their vocabularies.

Listing responses and the facet vocabulary are cached under keys that include the current
generation; publishing, unpublishing or deleting a practice, or saving a term or a tag, bumps
it. The generation lives in the shared cache (Redis in production), so every app server sees
the change at once; old entries simply expire.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

GENERATION_KEY = "practices:listing-generation"


def generation():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def invalidate_listings(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def listing_cache_key(index_page, request, as_json):
    """The response cache key for an anonymous listing request, or None if it must not be cached."""
    if not settings.OCSEA_LISTING_CACHE_SECONDS or request.user.is_authenticated:
        return None
    params = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    digest = hashlib.sha256(repr(params).encode()).hexdigest()[:32]
    return ":".join(
        [
            "practices:listing",
            str(generation()),
            str(index_page.pk),
            get_language() or "",
            "json" if as_json else "html",
            digest,
        ]
    )
