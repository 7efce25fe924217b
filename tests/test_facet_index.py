"""The facet index (practices.facet_index) against plain SQL on the link tables.

The listing's results, disjunctive counts, orders and term keys come from in-memory bitmaps;
these tests compare them with what the database answers for the same filters, on random
filter combinations.
"""

import datetime
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from practices import facet_index as facet_index_module
from practices.facet_index import INDEXED_SORTS, facet_index
from practices.facets import FACETS, FACETS_BY_PARAM, attach_term_keys
from practices.listing import SORTS
from practices.models import PracticePage
from tests import factories

KEYS = {
    "country": ["IS", "NO", "SE", "XX"],
    "capability": ["5", "8", "15", "99"],
    "article": ["lanzarote-23", "lanzarote-35", "budapest-9"],
    "theme": ["child-friendly-justice", "victim-support", "education-awareness"],
    "target": ["children", "law-enforcement"],
    "tag": ["red", "green", "blue", "violet", "unused"],
}
TERMS = {
    "country": ["IS", "NO", "SE"],
    "capability": ["cap5", "cap8", "cap15"],
    "article": ["l23", "l35", "b9"],
    "theme": ["justice", "victims", "awareness"],
    "target": ["children", "police"],
}


@pytest.fixture
def random_corpus(site, taxonomy):
    """Forty live practices with random terms (some with none), two drafts, ties in dates."""
    rng = random.Random(13)
    for _number in range(40):
        picked = {
            param: rng.sample([taxonomy[name] for name in names], rng.randint(0, len(names)))
            for param, names in TERMS.items()
        }
        factories.practice(
            site["practices"],
            # Repeated titles: the order must break ties as the database does.
            f"Practice {rng.choice('ABCDEFGH')}",
            countries=picked["country"],
            capabilities=picked["capability"],
            articles=picked["article"],
            themes=picked["theme"],
            targets=picked["target"],
            tags=rng.sample(KEYS["tag"][:4], rng.randint(0, 3)),
            reviewed=datetime.date(2026, 1, rng.randint(1, 5)),
        )
    for number in range(2):
        factories.practice(
            site["practices"],
            f"Draft {number}",
            countries=[taxonomy["IS"]],
            tags=["unused"],
            live=False,
        )
    return site


def expected(selection):
    """``(pks, counts)`` by plain SQL: ``pk__in`` subqueries and GROUP BY on the link tables."""
    live = PracticePage.objects.live().filter(locale=Locale.get_default())

    def narrowed(without=None):
        queryset = live
        for param, keys in selection.items():
            if param != without:
                queryset = queryset.filter(pk__in=FACETS_BY_PARAM[param].practice_ids(keys))
        return queryset

    counts = {
        facet.param: facet.counts(narrowed(without=facet.param).values("pk")) for facet in FACETS
    }
    return set(narrowed().values_list("pk", flat=True)), counts, narrowed()


selections = st.fixed_dictionaries(
    {
        param: st.lists(st.sampled_from(keys), unique=True, max_size=3)
        for param, keys in KEYS.items()
    }
).map(lambda chosen: {param: keys for param, keys in chosen.items() if keys})


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(selection=selections)
def test_results_and_counts_equal_plain_sql(random_corpus, selection):
    index = facet_index(Locale.get_default())
    results, counts = index.select(selection, index.everything)
    want_pks, want_counts, _queryset = expected(selection)
    assert {index.pks[position] for position in results} == want_pks
    assert counts == want_counts


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # Often no selection at all, so that pages are full and ties are many.
    selection=st.one_of(st.just({}), selections),
    sort=st.sampled_from(INDEXED_SORTS),
    start=st.integers(0, 30),
    size=st.integers(1, 12),
    walk=st.booleans(),
)
def test_orders_and_pages_equal_the_databases(
    random_corpus, selection, sort, start, size, walk, monkeypatch
):
    """Each indexed order is the database's ``ORDER BY`` (ties broken by pk), on either path:
    sorting the results or walking the whole order."""
    monkeypatch.setattr(facet_index_module, "SORT_RESULTS_BELOW", 0 if walk else 10**9)
    index = facet_index(Locale.get_default())
    results, _counts = index.select(selection, index.everything)
    _pks, _counts, queryset = expected(selection)
    ordered = list(queryset.order_by(*SORTS[sort], "pk").values_list("pk", flat=True))
    assert index.page_pks(results, sort, start, start + size) == ordered[start : start + size]


def test_term_keys_equal_the_link_tables(random_corpus):
    index = facet_index(Locale.get_default())
    practices = list(PracticePage.objects.live())
    attach_term_keys(practices)
    assert len(practices) == 40
    keys = index.term_keys([practice.pk for practice in practices])
    assert keys == {practice.pk: practice.term_keys for practice in practices}
    # A page of them, in any order.
    page = practices[7:27:3]
    assert index.term_keys([p.pk for p in page]) == {p.pk: p.term_keys for p in page}


def test_drafts_are_not_in_the_index(random_corpus):
    index = facet_index(Locale.get_default())
    assert len(index.everything) == 40
    assert "unused" not in index.values["tag"]
    assert not {page.pk for page in PracticePage.objects.filter(live=False)} & set(index.pks)


def test_a_publication_rebuilds_the_index(random_corpus, taxonomy):
    before = facet_index(Locale.get_default())
    assert facet_index(Locale.get_default()) is before  # kept while nothing changes
    factories.practice(random_corpus["practices"], "Newcomer", countries=[taxonomy["SE"]])
    after = facet_index(Locale.get_default())
    assert after is not before
    assert len(after.everything) == 41
    newcomer = PracticePage.objects.get(title="Newcomer").pk
    assert after.positions[newcomer] in after.values["country"]["SE"]


def test_the_index_reports_its_size(random_corpus):
    index = facet_index(Locale.get_default())
    assert 0 < index.size_in_bytes() < 100_000


@pytest.mark.django_db
def test_the_generation_moves_on_with_pages_of_every_type(site):
    """Cached listings hold the navigation and the index page's own text and path, so any
    page's publication, unpublication, move or deletion, and a view restriction, start anew."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from practices.caching import LISTINGS

    def moves_on(change):
        before = LISTINGS.current()
        change()
        return LISTINGS.current() != before

    about = site["about"]
    assert moves_on(lambda: about.save_revision().publish())
    about.refresh_from_db()
    assert about.live
    assert moves_on(about.unpublish)
    assert moves_on(lambda: about.move(site["recommendations"], pos="last-child"))
    assert moves_on(
        lambda: PageViewRestriction.objects.create(
            page=site["countries"], restriction_type=PageViewRestriction.LOGIN
        )
    )
    assert moves_on(lambda: site["recommendations"].delete())
    cache.clear()
    assert not moves_on(lambda: site["countries"].save_revision())  # a draft: nothing public
