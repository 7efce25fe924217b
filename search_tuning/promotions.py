"""Editors' pinned results (``wagtail.contrib.search_promotions``) and the query log.

The log keeps the query text (normalised by Wagtail: lower case, no punctuation runs), the
day, and how many searches for it found nothing: never an address, a user or a cookie.

Searches are counted in the shared cache first (``record_search``: atomic increments, no
query, so a cached listing page stays free of the database) and written to the log in batch by
``flush_search_log``: by the ``flush_search_log`` management command (cron), by the search that
finds the buffer full or old enough, and before the "Searches with no results" report reads it.
"""

import datetime
import hashlib
import time
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
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
    """Count one search for ``q`` (Wagtail's query log) and, if it found nothing, one miss.

    Counted in the shared cache (``search_log``); written to the database by
    ``flush_search_log``. Without a working cache the search is written at once.
    """
    query_string = normalise_query_string(q)
    if not query_string:
        return
    day = timezone.now().date()
    if not buffer_search(query_string, day, bool(found_anything)):
        # No working cache: written at once rather than lost.
        write_searches(query_string, day, 1, 0 if found_anything else 1)


def write_searches(query_string, day, searches, misses):
    """Add ``searches`` hits (``misses`` of them found nothing) for ``query_string`` on ``day``
    to Wagtail's query log and the misses' report (a few queries, whatever the numbers)."""
    query = Query.get(query_string)
    if searches:
        daily, _created = QueryDailyHits.objects.get_or_create(query=query, date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + searches)
    if misses:
        row, _created = SearchWithoutResults.objects.get_or_create(query=query, date=day)
        SearchWithoutResults.objects.filter(pk=row.pk).update(hits=F("hits") + misses)


# --- the buffer in the shared cache -----------------------------------------------------------
#
# One counter per (query, day, found or not), incremented atomically by each search; the first
# search that creates a counter lists it in the day's index (numbered slots), which is how a
# flush finds the counters again (the cache API cannot list keys). A flush *takes* what it read
# from each counter by an atomic decrement and keeps it only if the counter did not go below
# zero (else another flush took it first, and it gives it back), so racing flushes never count
# a search twice and searches made meanwhile stay for the next flush.

PREFIX = "search_tuning:search-log"
PENDING_KEY = f"{PREFIX}:pending"  # searches buffered since the last flush (a trigger only)
SINCE_KEY = f"{PREFIX}:since"  # when the oldest of them was made (time.time())
# A day's counters are kept this long in the cache: cron flushes much more often.
BUFFER_DAYS = 7


def flush_threshold():
    """Searches buffered, and age in seconds of the oldest, that make the next search flush."""
    return (
        getattr(settings, "OCSEA_SEARCH_LOG_FLUSH_SEARCHES", 200),
        getattr(settings, "OCSEA_SEARCH_LOG_FLUSH_SECONDS", 300),
    )


# Each process checks the threshold (and may flush) at most this often.
FLUSH_CHECK_SECONDS = 30
_next_check = 0.0


def _counter_key(query_string, day, found):
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:32]
    return f"{PREFIX}:{day.isoformat()}:{int(found)}:{digest}"


def _index_size_key(day):
    return f"{PREFIX}:{day.isoformat()}:index"


def _index_slot_key(day, number):
    return f"{PREFIX}:{day.isoformat()}:index:{number}"


def _increment(key, delta=1):
    """The counter's new value, or None if it does not exist or the cache is not working."""
    try:
        return cache.incr(key, delta)
    except ValueError:
        return None


def buffer_search(query_string, day, found):
    """Count one search in the cache (no query); False if the cache did not take it."""
    key = _counter_key(query_string, day, found)
    if _increment(key) is None:
        timeout = BUFFER_DAYS * 24 * 3600
        if cache.add(key, 0, timeout):  # a new counter: list it first, so a flush finds it
            cache.add(_index_size_key(day), 0, timeout)
            number = _increment(_index_size_key(day))
            if number is None:
                cache.delete(key)
                return False
            cache.set(_index_slot_key(day, number), (query_string, found), timeout)
        if _increment(key) is None:
            return False
    pending = _increment(PENDING_KEY)
    if pending is None:
        cache.add(PENDING_KEY, 0, None)
        pending = _increment(PENDING_KEY) or 0
    if pending == 1:
        cache.set(SINCE_KEY, time.time(), None)
    _flush_if_due(pending)
    return True


def _flush_if_due(pending):
    """Flush when the buffer holds enough searches or has waited long enough: by the search
    that finds it so, at most once per ``FLUSH_CHECK_SECONDS`` in each process."""
    global _next_check
    now = time.monotonic()
    if now < _next_check:
        return
    _next_check = now + FLUSH_CHECK_SECONDS
    most, oldest = flush_threshold()
    if pending < most:
        since = cache.get(SINCE_KEY)
        if since is None:  # set by a search made while a flush cleared it
            cache.add(SINCE_KEY, time.time(), None)
            return
        if time.time() - since < oldest:
            return
    flush_search_log()


def _take(key, count):
    """Take ``count`` searches from a counter, unless another flush took them first."""
    left = _increment(key, -count)
    if left is None:
        return False
    if left < 0:
        _increment(key, count)
        return False
    return True


def flush_search_log(today=None):
    """Write the buffered searches into the query log; the number of searches written."""
    today = today or timezone.now().date()
    written = 0
    for age in range(BUFFER_DAYS):
        day = today - datetime.timedelta(days=age)
        size = cache.get(_index_size_key(day)) or 0
        if not size:
            continue
        slots = [_index_slot_key(day, number) for number in range(1, size + 1)]
        counters = {
            _counter_key(query_string, day, found): (query_string, found)
            for query_string, found in cache.get_many(slots).values()
        }
        taken = []
        totals = defaultdict(lambda: [0, 0])  # {query: [searches, misses]}
        for key, count in cache.get_many(list(counters)).items():
            if count and count > 0 and _take(key, count):
                taken.append((key, count))
                query_string, found = counters[key]
                totals[query_string][0] += count
                if not found:
                    totals[query_string][1] += count
        if not taken:
            continue
        try:
            with transaction.atomic():
                for query_string, (searches, misses) in sorted(totals.items()):
                    write_searches(query_string, day, searches, misses)
        except BaseException:
            for key, count in taken:  # back in the buffer, for the next flush
                _increment(key, count)
            raise
        written += sum(count for _key, count in taken)
    if written:
        _increment(PENDING_KEY, -written)
        cache.delete(SINCE_KEY)
    return written
