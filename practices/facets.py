"""The practice facets: which vocabulary each URL parameter filters on, and how to count it.

Every facet matches terms by their stable key (ISO code, MNR number, article key, theme key,
target-group key, tag slug) so that URLs are shareable and stay valid across locales.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from countries.models import Country
from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

from .caching import LISTINGS
from .models import PracticePage, PracticeTag

# Tags of live practices only: a never-published draft keeps its tags on its own row, and its
# tag names must not reach the public through the tag facet or search suggestions.
LIVE_PRACTICE_TAGS = {"practices_practicetag_items__content_object__live": True}


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    relation: str
    key: str

    @cached_property
    def through(self):
        """(link model, its column naming the practice, its field naming the term)."""
        if self.relation == "tags":
            return PracticeTag, "content_object_id", "tag"
        field = PracticePage._meta.get_field(self.relation)
        return (
            field.remote_field.through,
            f"{field.m2m_field_name()}_id",
            field.m2m_reverse_field_name(),
        )

    @property
    def term_model(self):
        return PracticePage._meta.get_field(self.relation).related_model

    def practice_ids(self, values):
        """Ids of practices linked to any of ``values`` (OR within a facet), as a subquery."""
        link, practice_column, term_field = self.through
        return link.objects.filter(**{f"{term_field}__{self.key}__in": values}).values(
            practice_column
        )

    def counts(self, practice_ids):
        """``{key: number of practices}`` among ``practice_ids``, in one aggregate query."""
        link, practice_column, term_field = self.through
        rows = (
            link.objects.filter(**{f"{practice_column}__in": practice_ids})
            .values(f"{term_field}__{self.key}")
            # Link rows are unique per (practice, term), so a plain count needs no DISTINCT sort.
            .annotate(count=Count(practice_column))
        )
        return {str(row[f"{term_field}__{self.key}"]): row["count"] for row in rows}

    def terms(self, locale):
        """The facet's vocabulary in ``locale``, as ``[(key, label, group)]`` in display order."""
        if self.relation == "tags":
            tags = Tag.objects.filter(**LIVE_PRACTICE_TAGS).distinct()
            return [(tag.slug, tag.name, "") for tag in tags.order_by("name")]
        terms = self.term_model.objects.in_locale(locale)
        if self.term_model is Capability:
            return [(str(t.number), str(t), t.domain) for t in terms.order_by("number")]
        if self.term_model is TreatyArticle:
            return [
                (t.key, str(t), t.get_convention_display())
                for t in terms.order_by("-convention", "number")
            ]
        return [(term.facet_value, str(term), "") for term in terms]


VOCABULARY_CACHE_SECONDS = 24 * 3600


def facet_vocabulary(locale):
    """``{param: [(key, label, group)]}`` for every facet, cached per locale and UI language.

    Every listing request needs the whole vocabulary (to validate parameters and to show every
    option); it changes only when a term or a tag changes, and those saves start a new cache
    generation (``practices.caching``).
    """
    key = f"practices:facet-vocabulary:{LISTINGS.current()}:{locale.language_code}:{get_language()}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = {facet.param: facet.terms(locale) for facet in FACETS}
        cache.set(key, vocabulary, VOCABULARY_CACHE_SECONDS)
    return vocabulary


def attach_term_keys(practices):
    """Give each practice ``term_keys``: ``{facet param: [sorted stable keys]}``.

    One ``values_list`` query per facet on the link tables, so rendering a page of results
    never instantiates taxonomy rows.
    """
    by_id = {practice.pk: practice for practice in practices}
    for practice in practices:
        practice.term_keys = {facet.param: [] for facet in FACETS}
    for facet in FACETS:
        link, practice_column, term_field = facet.through
        rows = link.objects.filter(**{f"{practice_column}__in": list(by_id)}).values_list(
            practice_column, f"{term_field}__{facet.key}"
        )
        for practice_id, key in rows:
            by_id[practice_id].term_keys[facet.param].append(key)
    for practice in practices:
        for param, keys in practice.term_keys.items():
            keys.sort(key=key_order(param))


def article_numbers(article_keys, convention):
    """Article numbers of one convention among keys such as ``lanzarote-23``."""
    prefix = f"{convention}-"
    return [int(key[len(prefix) :]) for key in article_keys if key.startswith(prefix)]


def key_order(param):
    if param == "capability":
        return int
    if param == "article":
        return lambda key: (key.startswith("budapest"), int(key.rsplit("-", 1)[1]))
    return str


FACETS = [
    Facet("country", _("Country"), "countries", "iso2"),
    Facet("capability", _("MNR capability"), "capabilities", "number"),
    Facet("article", _("Treaty article"), "treaty_articles", "key"),
    Facet("theme", _("Theme"), "themes", "key"),
    Facet("target", _("Target group"), "target_groups", "key"),
    Facet("tag", _("Tag"), "tags", "slug"),
]
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def practice_facet_links(practice):
    """A practice's tags, each with the facet parameter and value of its filtered listing.

    Labels come from the practice's locale, matched by key, because a translated practice
    keeps its links to the source-language terms.
    """
    locale = practice.locale
    links = []
    for param, terms, model in [
        ("country", practice.countries.all(), Country),
        ("capability", practice.capabilities.all(), Capability),
        ("article", practice.treaty_articles.all(), TreatyArticle),
        ("theme", practice.themes.all(), Theme),
        ("target", practice.target_groups.all(), TargetGroup),
    ]:
        localized = model.objects.filter(
            **{f"{model.key_field}__in": [term.stable_key for term in terms]}
        ).by_key(locale)
        items = sorted(localized.values(), key=_display_order)
        links.append(
            {
                "param": param,
                "facet": FACETS_BY_PARAM[param],
                "items": [{"value": term.facet_value, "label": str(term)} for term in items],
            }
        )
    links.append(
        {
            "param": "tag",
            "facet": FACETS_BY_PARAM["tag"],
            "items": [
                {"value": tag.slug, "label": tag.name}
                for tag in sorted(practice.tags.all(), key=lambda tag: tag.name)
            ],
        }
    )
    return links


def _display_order(term):
    if isinstance(term, Capability):
        return (term.number,)
    if isinstance(term, TreatyArticle):
        return (term.convention, term.number)
    return (getattr(term, "sort_order", 0), str(term))


def entry_points(locale):
    """Capabilities (by domain), themes and countries with their live practice counts.

    Counted as the listing counts by default: untranslated practices included.
    """
    from .models import PracticeIndexPage

    live_ids = PracticeIndexPage.live_practices(locale, untranslated=True).values("pk")
    vocabulary = facet_vocabulary(locale)
    entry = {}
    for param in ["capability", "theme", "country"]:
        counts = FACETS_BY_PARAM[param].counts(live_ids)
        entry[param] = [
            {"value": key, "label": label, "group": group, "count": counts.get(key, 0)}
            for key, label, group in vocabulary[param]
        ]
    return entry
