"""Wagtail's API v2 at ``/api/v2/``: pages, with practices filterable by the listing's keys.

``/api/v2/pages/?type=practices.PracticePage&country=NO&capability=13&search=helpline``:
``country`` (ISO code), ``capability`` (MNR number), ``article`` (article key such as
``lanzarote-23``) and ``theme`` (theme key) take the keys of the listing's filters; a parameter
may be repeated or comma-separated (values of one parameter combine with OR, parameters with
AND, as in the listing). Unknown keys are a 400 error naming them. Practice fields show stable
keys, never database ids.
"""

from django.urls import NoReverseMatch
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.filters import BaseFilterBackend
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import DetailUrlField, PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale

from ocsea.core.absolute import absolute_url
from practices.facets import FACETS_BY_PARAM, facet_vocabulary

API_FILTERS = ("country", "capability", "article", "theme")


def requested_keys(request, param):
    keys = []
    for value in request.GET.getlist(param):
        keys += [key.strip() for key in value.split(",") if key.strip()]
    return keys


class PracticeFacetFilter(BaseFilterBackend):
    """``country``, ``capability``, ``article``, ``theme``: the listing's facets, by key."""

    def filter_queryset(self, request, queryset, view):
        vocabulary = None
        for param in API_FILTERS:
            keys = requested_keys(request, param)
            if not keys:
                continue
            if vocabulary is None:
                vocabulary = facet_vocabulary(Locale.get_default())
            known = {key for key, _label, _group in vocabulary[param]}
            unknown = sorted(set(keys) - known)
            if unknown:
                raise BadRequestError(f"unknown {param} key: {', '.join(unknown)}")
            queryset = queryset.filter(pk__in=FACETS_BY_PARAM[param].practice_ids(keys))
        return queryset


class AbsoluteHtmlUrlField(PageHtmlUrlField):
    """``html_url`` from the configured base URL (``ocsea.core.absolute``), as every absolute
    link of the site: Wagtail's own uses the Site record's hostname (``localhost`` by default)."""

    def to_representation(self, page):
        request = self.context.get("request")
        try:
            return absolute_url(page.get_url(request), request)
        except NoReverseMatch:
            return None


class AbsoluteDetailUrlField(DetailUrlField):
    """``detail_url`` from the configured base URL too (Wagtail's uses the Site record)."""

    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField  # no endpoint for this model: Wagtail hides the field too
        return absolute_url(path, self.context["request"])


class AtlasPageSerializer(PageSerializer):
    detail_url = AbsoluteDetailUrlField(read_only=True)
    html_url = AbsoluteHtmlUrlField(read_only=True)


class PracticePagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = AtlasPageSerializer
    # Before the search, which must come last (its results cannot be filtered further).
    filter_backends = [
        *PagesAPIViewSet.filter_backends[:-1],
        PracticeFacetFilter,
        PagesAPIViewSet.filter_backends[-1],
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(API_FILTERS)


class KeysField(serializers.Field):
    """A many-to-many relation as the sorted stable keys of its terms."""

    def __init__(self, key, **kwargs):
        self.key = key
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        keys = [getattr(term, self.key) for term in manager.all()]
        return sorted(keys, key=lambda key: (isinstance(key, str), key))


class RowsField(serializers.Field):
    """Child rows (sources, organisations, evidence) as objects of some of their fields."""

    def __init__(self, fields, **kwargs):
        self.row_fields = fields
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [
            {name: getattr(row, name) or None for name in self.row_fields} for row in manager.all()
        ]


class TagNamesField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return sorted(tag.slug for tag in manager.all())


def practice_api_fields():
    return [
        APIField("summary"),
        APIField("body"),
        APIField("countries", serializer=KeysField("iso2")),
        APIField("capabilities", serializer=KeysField("number")),
        APIField("treaty_articles", serializer=KeysField("key")),
        APIField("themes", serializer=KeysField("key")),
        APIField("target_groups", serializer=KeysField("key")),
        APIField("tags", serializer=TagNamesField()),
        APIField("organisations", serializer=RowsField(["name"])),
        APIField("sources", serializer=RowsField(["label", "url", "footnote"])),
        APIField("evidence", serializer=RowsField(["facet", "key", "quote", "source", "section"])),
        APIField("period_started"),
        APIField("period_ended"),
        APIField("period_status"),
        APIField("report_section"),
        APIField("report_case_study"),
        APIField("last_reviewed"),
        APIField("checked_against_report"),
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PracticePagesAPIViewSet)
