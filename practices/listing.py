"""The practice listing pipeline, in one place.

live practices of the locale (the facet index's positions) -> text match -> facet selection
and disjunctive counts in the facet index (``practices.facet_index``) -> ordering, from the
index, or relevance ranking by the search backend among what ``PracticeFilterSet`` selects ->
``Paginator.get_page``, which reads only the page shown.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import JsonResponse, QueryDict
from django.template.defaultfilters import truncatewords
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ocsea.core.highlight import highlight, term_pattern
from ocsea.core.paging import PagedByPk

from . import text_search
from .caching import (
    cached_listing_route,
    listing_cache_key,
    listing_key,
    recognised_parameters,
    remember_listing_route,
)
from .facet_index import ORDERS, facet_index
from .facets import FACETS, FACETS_BY_PARAM, article_numbers, facet_vocabulary
from .filters import PracticeFilterSet
from .models import PracticeIndexPage, PracticePage

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
MAX_VALUES_PER_FACET = 50
SORTS = {"relevance": None, **ORDERS}


@dataclass
class ListingQuery:
    """A listing request, cleaned: only known parameters and values survive."""

    q: str = ""
    terms: str = ""
    selected: dict = field(default_factory=dict)
    sort: str = "title"
    # The order the visitor chose ("" for the default: relevance with a query, else title).
    sort_choice: str = ""
    page: str = "1"
    # Only practices translated into the listing's language ("French only"); by default a
    # listing in another language than the default also shows untranslated practices.
    translated: bool = False
    # A long facet whose every value the visitor asked to see (its "Show all" link).
    expand: str = ""
    notices: list = field(default_factory=list)

    def live_practices(self, locale, default_locale_id=None):
        """Where the listing starts: the live practices of ``locale``, with the untranslated
        ones of the default locale unless only translated practices are asked for."""
        return PracticeIndexPage.live_practices(
            locale, untranslated=not self.translated, default_locale_id=default_locale_id
        )

    def filter_data(self):
        data = QueryDict(mutable=True)
        for param, values in self.selected.items():
            data.setlist(param, values)
        return data


def clean_text(value):
    """Drop control characters and collapse whitespace in a user-typed search string."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in value)
    return " ".join(kept.split())


def parse_query(params, vocabulary):
    query = ListingQuery()
    raw_q = clean_text(" ".join(params.getlist("q")))
    if len(raw_q) > MAX_QUERY_LENGTH:
        query.notices.append(
            _("Your search was shortened to its first %(n)s characters.") % {"n": MAX_QUERY_LENGTH}
        )
        raw_q = raw_q[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    query.q = raw_q
    # Only words reach the search backend: FTS5 and tsquery syntax in user input would error.
    query.terms = " ".join(WORD.findall(raw_q))
    if raw_q and not query.terms:
        query.notices.append(_("Your search has no words to look for and was ignored."))

    for facet in FACETS:
        known = {key for key, _label, _group in vocabulary[facet.param]}
        values = []
        ignored = False
        for value in params.getlist(facet.param):
            value = value.strip()
            if not value:
                continue
            if value in known and value not in values and len(values) < MAX_VALUES_PER_FACET:
                values.append(value)
            elif value not in known:
                ignored = True
        if ignored:
            query.notices.append(
                _("Some %(facet)s values were not recognised and were ignored.")
                % {"facet": str(facet.label).lower()}
            )
        if values:
            query.selected[facet.param] = values

    default_sort = "relevance" if query.terms else "title"
    raw_sort = params.get("sort", "").strip()
    sort = raw_sort or default_sort
    if sort not in SORTS or (sort == "relevance" and not query.terms):
        if sort not in SORTS:
            query.notices.append(_("Unknown sort order ignored."))
        sort = default_sort
    query.sort = sort
    query.sort_choice = raw_sort if raw_sort in SORTS and raw_sort != "relevance" else ""
    # The same reading as the cache key's (practices.caching): anything but a positive number
    # is the first page, so a cached page 1 and a rendered "page=-1" never disagree.
    page = params.get("page", "1").strip()
    query.page = page if page.isdigit() and int(page) > 0 else "1"
    query.translated = params.get("translated", "") == "1"
    expand = params.get("expand", "")
    query.expand = expand if expand in FACETS_BY_PARAM else ""
    return query


@dataclass
class Listing:
    query: ListingQuery
    page: object
    facets: list
    search: object = None  # the text step (text_search.TextMatch) when there is a query
    suggestions: dict = None  # what to try when a search found nothing
    # Whether the visitor may choose "only practices in this language" (not the default one).
    language_choice: bool = False
    vocabulary: dict = None  # {facet param: [(key, label, group)]}, as the listing read it

    @property
    def paginator(self):
        return self.page.paginator

    @property
    def results(self):
        """Every result, in order (what the page is cut from)."""
        return self.paginator.object_list

    @property
    def count(self):
        return self.paginator.count

    @property
    def selected_count(self):
        return sum(len(values) for values in self.query.selected.values())


# Long facets show their most used values (and every selected one) and keep the rest behind
# "Show all N" (a <details>), so that no list hides its overflow in a scrolling box.
COLLAPSIBLE_FACETS = {"country", "article", "tag"}
TOP_VALUES = 8
# Past this many values (treaty articles, tags), the rest are not in the page but on demand,
# behind a "Show all" link (``expand=<param>``): the tag vocabulary grows with the corpus, the
# page must not (issue 13: at most 60 KB).
ON_DEMAND_ABOVE = 50


def present_facet(param, options, expanded=False):
    """``(shown, more, on_demand)``: the options listed at once, those behind "Show all" in
    the page, and whether the rest are left out of the page (behind an ``expand`` link)."""
    if param not in COLLAPSIBLE_FACETS or len(options) <= TOP_VALUES + 4:
        return options, [], False
    selected = [option for option in options if option["selected"]]
    by_use = sorted(
        (option for option in options if not option["selected"] and option["count"]),
        key=lambda option: -option["count"],
    )
    shown = selected + by_use[: max(TOP_VALUES - len(selected), 0)]
    shown_values = {option["value"] for option in shown}
    if len(options) > ON_DEMAND_ABOVE and not expanded:
        return shown, [], True
    return shown, [option for option in options if option["value"] not in shown_values], False


def attach_card_links(practices, index_page, languages):
    """Give each practice ``listing_url``, its link from the listing, and flag (``untranslated``)
    those of another locale than the listing's, linked through its fallback URL.

    A practice under the index page is at the index page's URL plus its own part of the path:
    what Wagtail's URL resolution gives, without resolving the site's root paths per card.
    ``languages`` maps locale ids to language codes.
    """
    index_url = index_page.get_url()
    for practice in practices:
        practice.untranslated = practice.locale_id != index_page.locale_id
        if practice.untranslated:
            practice.listing_url = f"{index_url}{practice.slug}/"
            practice.source_language = languages[practice.locale_id]
        elif practice.url_path.startswith(index_page.url_path):
            practice.listing_url = index_url + practice.url_path[len(index_page.url_path) :]
        else:  # not a child of this index page (another site's): Wagtail knows its URL
            practice.listing_url = practice.get_url()


class IndexedResults(PagedByPk):
    """The practices of a filter combination in a facet-index order."""

    def __init__(self, index, positions, sort):
        super().__init__(PracticePage.objects.live(), page_fields=PracticePage.listing_fields)
        self.index = index
        self.positions = positions
        self.sort = sort

    def count(self):
        return len(self.positions)

    def pks_between(self, start, stop):
        return self.index.page_pks(self.positions, self.sort, start, stop)


CAPABILITY_NUMBER = re.compile(r"^(\d+)\.\s*")
MAX_CARD_COUNTRIES = 3
CARD_SUMMARY_WORDS = 60


def attach_cards(practices, vocabulary, q):
    """Give each practice ``card``: what its card in the listing says, as text ready to print.

    ``summary`` cut to its first words, with the words searched for (``q``) marked; ``places``
    (up to three country names, else how many countries), ``capabilities`` and ``themes``, as
    labels of the vocabulary. Worked out here, not with template filters and tags per card:
    those cost 0.14 ms a card, a tenth of an uncached page of 20 results.
    """
    labels = {
        param: {key: label for key, label, _group in terms} for param, terms in vocabulary.items()
    }
    pattern = term_pattern(q)
    for practice in practices:
        keys = practice.term_keys
        countries = [labels["country"].get(str(key), key) for key in keys["country"]]
        if 0 < len(countries) <= MAX_CARD_COUNTRIES:
            places = ", ".join(countries)
        elif countries:
            count = len(countries)
            places = ngettext("%(counter)s country", "%(counter)s countries", count) % {
                "counter": count
            }
        else:
            places = _("International or regional")
        practice.card = {
            "summary": highlight(truncatewords(practice.summary, CARD_SUMMARY_WORDS), pattern),
            "places": places,
            "capabilities": ", ".join(
                CAPABILITY_NUMBER.sub(r"\1 ", labels["capability"].get(str(key), str(key)))
                for key in keys["capability"]
            ),
            "themes": ", ".join(labels["theme"].get(key, key) for key in keys["theme"]),
        }


def run_listing(index_page, params, with_facets=True):
    locale = index_page.locale
    vocabulary = facet_vocabulary(locale)
    query = parse_query(params, vocabulary)
    index = facet_index(locale)
    within = index.within(query.translated)

    candidates = query.live_practices(locale, index.default_locale_id)
    search = None
    if query.terms:  # search_tuning: fallback, synonyms, names, promotions (text_search)
        # Shown in relevance order and narrowed by no facet: every match is shown, so the
        # match is read ranked (one query) rather than ranked after it (two, the pks sent back).
        # With facets, ranking only the practices they select afterwards costs less (measured:
        # an aggregate's FILTER ranking them in the match query was 1 ms slower at 10,000).
        search = text_search.text_match(
            candidates,
            query.q,
            query.terms,
            locale,
            index.listed(within),
            rank=query.sort == "relevance" and not query.selected,
        )
        query.notices.extend(search.notices)
        within = within & index.to_positions(search.pks)

    # The facet index answers the filters and every facet's counts; the search backend only
    # orders by relevance, among the practices the index selected: on PostgreSQL as the match
    # was read, or by ranking their search index rows (text_search.ranked_among), else with
    # Wagtail's ranked search among the same practices as PracticeFilterSet's subqueries select
    # them (on SQLite, faster than naming a thousand pks: 6.9 s against 9.8 s for "helpline"
    # at 10,000 practices).
    matched, counts = index.select(query.selected, within, with_counts=with_facets)
    if query.sort == "relevance":
        results = search.ranked_among(index.pks_at(matched))
        if results is None:
            among = PracticeFilterSet(
                query.filter_data(), queryset=search.filter(candidates), vocabulary=vocabulary
            ).qs
            results = search.ranked(among, count=len(matched))
    else:
        results = IndexedResults(index, matched, query.sort)

    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(query.page)
    page.object_list = list(page.object_list)
    term_keys = index.term_keys([practice.pk for practice in page.object_list])
    for practice in page.object_list:
        practice.term_keys = term_keys[practice.pk]
    attach_card_links(page.object_list, index_page, index.languages)

    facets = []
    for facet in FACETS if with_facets else ():
        facet_counts = counts[facet.param]
        selected = query.selected.get(facet.param, [])
        options = [
            {
                "value": key,
                "label": label,
                "group": group,
                "count": facet_counts.get(key, 0),
                "selected": key in selected,
            }
            for key, label, group in vocabulary[facet.param]
        ]
        shown, more, on_demand = present_facet(
            facet.param, options, expanded=query.expand == facet.param
        )
        facets.append(
            {
                "param": facet.param,
                "label": facet.label,
                "options": options,
                "shown": shown,
                "more": more,
                "on_demand": on_demand,
                "selected_count": len(selected),
            }
        )
    listing = Listing(
        query,
        page,
        facets,
        search=search,
        language_choice=locale.pk != index.default_locale_id,
        vocabulary=vocabulary,
    )
    if search and with_facets and not paginator.count:
        listing.suggestions = text_search.no_result_suggestions(
            search, locale, vocabulary, facets, query.selected
        )
    return listing


def wants_json(request):
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def result_as_dict(practice, request):
    keys = practice.term_keys
    return {
        "title": practice.title,
        "url": practice.get_url(request),
        "summary": practice.summary,
        "countries": keys["country"],
        "capabilities": [int(number) for number in keys["capability"]],
        "lanzarote_articles": article_numbers(keys["article"], "lanzarote"),
        "budapest_articles": article_numbers(keys["article"], "budapest"),
        "themes": keys["theme"],
    }


LISTING_VARY = ("Accept", "Accept-Language", "Cookie")

# Renderings of the whole filtered result set, by ``format`` value: ``{format: callable(index
# page, request, listing) -> response}``. The opendata app registers its downloads (csv, json)
# here in its AppConfig.ready, so that this app never imports it.
DOWNLOADS = {}


def response_kind(request):
    """``download:<format>`` for a registered download, else ``json`` (one page, with facets)
    or ``html``."""
    fmt = request.GET.get("format", "")
    if fmt in DOWNLOADS:
        return f"download:{fmt}"
    return "json" if wants_json(request) else "html"


def serve_listing(index_page, request):
    """The listing as HTML or JSON; anonymous responses are cached until content changes."""
    kind = response_kind(request)
    cache_key = listing_cache_key(index_page, request, kind)
    response = cache.get(cache_key) if cache_key else None
    if response is None:
        if cache_key:  # the response is shared by every request with this key: no junk in links
            request.GET = recognised_parameters(request.GET)
        response = render_listing(index_page, request, kind)
        if hasattr(response, "render"):
            response.render()
        if cache_key and response.status_code == 200:
            cache.set(cache_key, response, settings.OCSEA_LISTING_CACHE_SECONDS)
    if response.status_code == 200:
        remember_listing_route(index_page, request)
    return finish_listing_response(response, cache_key)


def finish_listing_response(response, cache_key):
    """What every listing response gets, fresh or cached: the search log, Vary, Cache-Control."""
    text_search.log_search(response)
    patch_vary_headers(response, LISTING_VARY)
    if cache_key:
        patch_cache_control(response, public=True, max_age=60)
    return response


def cached_listing(request):
    """``(index page pk, response or None, cache key)`` if ``request``'s path is a listing,
    with the cached response ``serve_listing`` would start from; else None.

    For practices.middleware, before page routing: the path is a listing only if serving it
    taught the cache so (``remember_listing_route``), and the key is ``serve_listing``'s own.
    Reads the cache only; the caller makes sure nothing reaches the database, then finishes the
    response (``finish_listing_response``) as ``serve_listing`` does, or serves the listing.
    """
    route = cached_listing_route(request)
    if route is None:
        return None
    index_pk, locale = route
    cache_key = listing_key(index_pk, locale, request, response_kind(request))
    return index_pk, cache.get(cache_key) if cache_key else None, cache_key


def render_listing(index_page, request, kind):
    if kind.startswith("download:"):
        listing = run_listing(index_page, request.GET, with_facets=False)
        return DOWNLOADS[kind.removeprefix("download:")](index_page, request, listing)
    listing = run_listing(index_page, request.GET)
    if kind == "json":
        response = JsonResponse(
            {
                "count": listing.count,
                "page": listing.page.number,
                "num_pages": listing.paginator.num_pages,
                "results": [result_as_dict(p, request) for p in listing.page],
                "facets": {
                    facet["param"]: [
                        {key: option[key] for key in ("value", "label", "count", "selected")}
                        for option in facet["options"]
                    ]
                    for facet in listing.facets
                },
                "notices": [str(n) for n in listing.query.notices],
                "suggestions": listing.suggestions,
            }
        )
    else:
        attach_cards(listing.page.object_list, listing.vocabulary, listing.query.q)
        context = index_page.get_context(request)
        context["listing"] = listing
        response = TemplateResponse(request, index_page.get_template(request), context)
    text_search.note_results(response, listing)
    return response
