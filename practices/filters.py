import django_filters

from .facets import FACETS_BY_PARAM


def facet_filter(param):
    return django_filters.MultipleChoiceFilter(
        method="filter_facet", label=FACETS_BY_PARAM[param].label
    )


class PracticeFilterSet(django_filters.FilterSet):
    """One multi-select filter per facet: values OR within a facet, facets AND together.

    Each filter narrows by ``pk__in`` a subquery on the link table, so combining facets never
    multiplies rows and the result needs no ``distinct()``. Choices are the facet's keys in the
    current locale, passed in as ``vocabulary`` so that they are read once per request.
    """

    country = facet_filter("country")
    capability = facet_filter("capability")
    article = facet_filter("article")
    theme = facet_filter("theme")
    target = facet_filter("target")
    tag = facet_filter("tag")

    def __init__(self, data=None, queryset=None, *, vocabulary, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        for param, terms in vocabulary.items():
            self.filters[param].extra["choices"] = [(key, label) for key, label, _ in terms]

    def filter_facet(self, queryset, name, values):
        if not values:
            return queryset
        return queryset.filter(pk__in=FACETS_BY_PARAM[name].practice_ids(values))
