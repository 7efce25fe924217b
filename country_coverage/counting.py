"""Practice counts per country and capability, counted as the practice listing counts them.

Every number starts from the listing's own pipeline: ``PracticeIndexPage.live_practices``
narrowed by ``PracticeFilterSet`` with the listing's parameters (``practices.listing``), so a
count shown here equals the count of the listing it links to.
"""

from django.db.models import Count
from wagtail.models import Locale

from practices.facets import FACETS_BY_PARAM, facet_vocabulary
from practices.filters import PracticeFilterSet
from practices.listing import parse_query
from practices.models import PracticeIndexPage, PracticePage


def practice_index(locale):
    """The live practice listing page of ``locale`` (default locale's as a fallback)."""
    return (
        PracticeIndexPage.objects.live().filter(locale=locale).first()
        or PracticeIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    )


def practice_listing_url(locale, request):
    """The URL of ``locale``'s practice listing (``practice_index``), or ``""``."""
    index = practice_index(locale)
    return index.get_url(request) if index else ""


def live_practice_ids(locale):
    """Ids (a subquery) of the live practices the listing shows unfiltered (untranslated ones
    included, the listing's default)."""
    return PracticeIndexPage.live_practices(locale, untranslated=True).values("pk")


def filtered_practice_ids(locale, params, *, drop=()):
    """Ids (a subquery) of the live practices the listing shows for ``params``, less the facets
    named in ``drop``, and the cleaned ``ListingQuery``. The text query is not used here."""
    vocabulary = facet_vocabulary(locale)
    query = parse_query(params, vocabulary)
    for param in drop:
        query.selected.pop(param, None)
    filterset = PracticeFilterSet(
        query.filter_data(),
        queryset=query.live_practices(locale),
        vocabulary=vocabulary,
    )
    return filterset.qs.values("pk"), query


def practice_counts_by_country(locale):
    """``{iso2: live practices of locale}``: the listing's country facet counts, unfiltered."""
    return FACETS_BY_PARAM["country"].counts(live_practice_ids(locale))


def cross_counts(practice_ids, row_param, column_param):
    """``{(row key, column key): practices}`` among ``practice_ids``, in one aggregate query.

    Each practice counts once in every (row, column) pair of its tags.
    """
    row, column = FACETS_BY_PARAM[row_param], FACETS_BY_PARAM[column_param]
    row_field = f"{row.relation}__{row.key}"
    column_field = f"{column.relation}__{column.key}"
    rows = (
        PracticePage.objects.filter(pk__in=practice_ids)
        .filter(**{f"{row_field}__isnull": False, f"{column_field}__isnull": False})
        .values(row_field, column_field)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    return {(str(r[row_field]), str(r[column_field])): r["count"] for r in rows}
