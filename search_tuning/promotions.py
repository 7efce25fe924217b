"""Editors' pinned results (``wagtail.contrib.search_promotions``) and the query log.

The log keeps the query text (normalised by Wagtail: lower case, no punctuation runs), the
day, and how many searches for it found nothing: never an address, a user or a cookie.
"""

from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from .models import SearchWithoutResults

REPORT_DAYS = 30


def promoted(queryset, q):
    """The objects of ``queryset`` editors promoted for ``q``, in their order.

    A promotion names a page of one language; its translations in ``queryset`` are promoted
    too (matched by ``translation_key``).
    """
    query_string = normalise_query_string(q)
    if not query_string:
        return []
    keys = list(
        SearchPromotion.objects.filter(
            query__query_string=query_string, page__isnull=False
        ).values_list("page__translation_key", flat=True)
    )
    if not keys:
        return []
    found = {obj.translation_key: obj for obj in queryset.filter(translation_key__in=keys)}
    return [found[key] for key in dict.fromkeys(keys) if key in found]


def record_search(q, found_anything):
    """Count one search for ``q`` (Wagtail's query log) and, if it found nothing, one miss."""
    if not normalise_query_string(q):
        return
    query = Query.get(q)
    query.add_hit()
    if not found_anything:
        day, _created = SearchWithoutResults.objects.get_or_create(
            query=query, date=timezone.now().date()
        )
        SearchWithoutResults.objects.filter(pk=day.pk).update(hits=F("hits") + 1)
