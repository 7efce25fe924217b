"""The search log off the hot path: searches are counted in the cache and written in batch
(search_tuning.promotions: record_search, flush_search_log)."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search_tuning import promotions
from search_tuning.models import SearchWithoutResults
from tests import factories
from tests.test_search_tuning import an_editor


@pytest.fixture
def corpus(site, taxonomy):
    factories.practice(site["practices"], "Barnahus", countries=[taxonomy["IS"]], tags=["therapy"])
    factories.practice(site["practices"], "Web Constables", countries=[taxonomy["NO"]])
    return site


@pytest.fixture
def no_automatic_flush(monkeypatch):
    monkeypatch.setattr(promotions, "_next_check", float("inf"))


def search(client, q, **params):
    response = client.get("/en/practices/", {"q": q, **params}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response


def hits(query_string):
    return Query.get(query_string).hits


def misses(query_string):
    return sum(
        SearchWithoutResults.objects.filter(query__query_string=query_string).values_list(
            "hits", flat=True
        )
    )


def test_every_search_survives_the_buffer(client, corpus, no_automatic_flush):
    for _ in range(5):
        search(client, "barnahus")
    for _ in range(3):
        search(client, "zyxwv nothing")
    search(client, "barnahus", page="2")  # not a first page: not a search to log
    search(client, "  BARNAHUS ")  # the same query once normalised
    assert not QueryDailyHits.objects.exists()  # nothing written yet
    call_command("flush_search_log", verbosity=0)
    assert hits("barnahus") == 6
    assert misses("barnahus") == 0
    assert hits("zyxwv nothing") == 3
    assert misses("zyxwv nothing") == 3
    assert {f.name for f in SearchWithoutResults._meta.fields} == {"id", "query", "date", "hits"}


def test_a_cached_search_makes_no_query_and_is_still_counted(client, corpus, no_automatic_flush):
    search(client, "zyxwv nothing")
    with CaptureQueriesContext(connection) as queries:
        search(client, "zyxwv nothing")
    assert len(queries) == 0
    promotions.flush_search_log()
    assert misses("zyxwv nothing") == 2


def test_a_flush_is_idempotent(client, corpus, no_automatic_flush):
    for _ in range(4):
        search(client, "barnahus")
    assert promotions.flush_search_log() == 4
    assert promotions.flush_search_log() == 0
    search(client, "barnahus")
    assert promotions.flush_search_log() == 1
    assert hits("barnahus") == 5


def test_racing_flushes_never_count_twice(client, corpus, no_automatic_flush):
    """Two flushes read the same counts; the second takes nothing the first took."""
    for _ in range(3):
        search(client, "zyxwv nothing")
    real_get_many = cache.get_many
    raced = []

    def get_many(keys, *args, **kwargs):
        found = real_get_many(keys, *args, **kwargs)
        counters = [key for key in keys if ":index" not in key]
        if counters and not raced:  # the other flush runs between this one's read and take
            raced.append(None)
            raced[0] = promotions.flush_search_log()
        return found

    cache.get_many = get_many
    try:
        search(client, "zyxwv nothing")  # made while the first flush runs, below
        first = promotions.flush_search_log()
    finally:
        del cache.get_many
    assert raced == [4]
    assert first == 0
    assert misses("zyxwv nothing") == hits("zyxwv nothing") == 4
    assert promotions.flush_search_log() == 0


def test_a_failed_write_puts_the_searches_back(client, corpus, no_automatic_flush, monkeypatch):
    search(client, "zyxwv nothing")

    def broken(*args):
        raise RuntimeError("database down")

    monkeypatch.setattr(promotions, "write_searches", broken)
    with pytest.raises(RuntimeError):
        promotions.flush_search_log()
    monkeypatch.undo()
    assert promotions.flush_search_log() == 1
    assert misses("zyxwv nothing") == 1


def test_the_report_shows_buffered_searches(client, corpus, no_automatic_flush):
    search(client, "zyxwv nothing")
    search(client, "barnahus")
    client.force_login(an_editor())
    html = client.get("/admin/reports/searches-without-results/").content.decode()
    assert "zyxwv nothing" in html
    assert "barnahus" not in html.lower().split("searches with no results")[-1]


def test_a_full_buffer_is_flushed_by_the_search_that_fills_it(
    client, corpus, settings, monkeypatch
):
    settings.OCSEA_SEARCH_LOG_FLUSH_SEARCHES = 3
    monkeypatch.setattr(promotions, "_next_check", float("inf"))
    search(client, "barnahus")
    search(client, "barnahus")
    assert not QueryDailyHits.objects.exists()
    monkeypatch.setattr(promotions, "_next_check", 0.0)
    search(client, "barnahus")
    assert hits("barnahus") == 3
    # At most one check per process every FLUSH_CHECK_SECONDS.
    for _ in range(3):
        search(client, "barnahus")
    assert hits("barnahus") == 3


def test_an_old_buffer_is_flushed(client, corpus, settings, monkeypatch):
    settings.OCSEA_SEARCH_LOG_FLUSH_SECONDS = 60
    monkeypatch.setattr(promotions, "_next_check", float("inf"))
    search(client, "barnahus")
    cache.set(promotions.SINCE_KEY, cache.get(promotions.SINCE_KEY) - 61, None)
    monkeypatch.setattr(promotions, "_next_check", 0.0)
    search(client, "web")
    assert hits("barnahus") == 1
    assert hits("web") == 1


def test_searches_of_earlier_days_are_flushed_on_their_day(db, no_automatic_flush):
    yesterday = datetime.date(2026, 3, 1)
    promotions.buffer_search("helpline", yesterday, False)
    assert promotions.flush_search_log(today=yesterday + datetime.timedelta(days=1)) == 1
    assert QueryDailyHits.objects.get(query__query_string="helpline").date == yesterday
    assert SearchWithoutResults.objects.get(query__query_string="helpline").date == yesterday


def test_without_a_cache_searches_are_written_at_once(db, no_automatic_flush, monkeypatch):
    monkeypatch.setattr(promotions, "buffer_search", lambda *args: False)
    promotions.record_search("helpline", found_anything=False)
    assert hits("helpline") == 1
    assert misses("helpline") == 1
