"""The listing's text step: search_tuning's matching applied to practices.

Every word first; when that finds nothing, ranked any-word matching with a notice; synonyms
and names written without spaces are alternatives of the words typed; editors' promoted
practices come first; when even the fallback finds nothing, suggestions.
"""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils.translation import gettext as _
from taggit.models import Tag

from ocsea.core import memo
from ocsea.core.paging import PksInOrder
from search_tuning import matching, promotions, suggestions
from search_tuning.results import Counted, PromotedFirst, RankedPks
from search_tuning.synonyms import synonym_table
from search_tuning.text import phrase_words, squash, squashed_aliases

from .caching import LISTINGS
from .facets import LIVE_PRACTICE_TAGS
from .models import PracticeOrganisation, PracticePage

logger = logging.getLogger(__name__)


def tuning_enabled():
    return getattr(settings, "OCSEA_SEARCH_TUNING", True)


def _name_texts(locale):
    live = PracticePage.objects.live().filter(locale=locale)
    yield from live.values_list("title", flat=True)
    yield from PracticeOrganisation.objects.filter(page__in=live.values("pk")).values_list(
        "name", flat=True
    )
    yield from (Tag.objects.filter(**LIVE_PRACTICE_TAGS).distinct().values_list("name", flat=True))


def corpus_names(locale):
    """Squashed names of the locale's live practices (titles, organisations, tags), kept per
    content generation: what ``stop it now`` is compared with."""

    def build():
        texts = list(_name_texts(locale))
        return frozenset(squashed_aliases(texts)) | frozenset(
            squash(token) for text in texts for token in text.split()
        )

    return memo.remembered(("names", locale.language_code), LISTINGS.current(), build)


@dataclass
class TextMatch:
    q: str
    terms: str
    language: str
    units: list
    candidates: object  # the live practices searched (a queryset)
    fallback: bool = False  # any word matched, as no practice matched every word
    promoted: list = field(default_factory=list)
    # The matches, read once: of any locale or state (the caller narrows them to its listing).
    matched_pks: list = field(default_factory=list)
    # The same in relevance order, when they were read ranked (``ranked_among``).
    ranked_pks: list = None

    @property
    def ids(self):
        """The matching practices among the candidates, as a subquery of ids."""
        return matching.match_ids(
            self.candidates, self.units, self.language, every_word=not self.fallback
        )

    @property
    def pks(self):
        """Every practice this search shows: the matches and the promoted ones."""
        return [*self.matched_pks, *(page.pk for page in self.promoted)]

    def filter(self, candidates):
        """``candidates`` that match, or that editors promoted for this query."""
        wanted = Q(pk__in=self.ids)
        if self.promoted:
            wanted |= Q(pk__in=[page.pk for page in self.promoted])
        return candidates.filter(wanted)

    @property
    def rank_query(self):
        if not tuning_enabled():
            return self.terms
        return matching.rank_query(self.units)

    def ranked(self, filtered, count=None):
        """``filtered`` (a queryset of matching practices) by relevance, promoted first;
        ``count``, when the caller knows it, spares the count query."""
        promoted = []
        if self.promoted:
            kept = set(
                filtered.filter(pk__in=[p.pk for p in self.promoted]).values_list("pk", flat=True)
            )
            promoted = [page for page in self.promoted if page.pk in kept]
        rest = filtered.exclude(pk__in=[page.pk for page in promoted])
        ranked = PracticePage.objects.filter(pk__in=rest.values("pk")).search(
            self.rank_query, operator="and"
        )
        if count is not None:
            ranked = Counted(ranked, count - len(promoted))
        return PromotedFirst(promoted, ranked) if promoted else ranked

    def ranked_among(self, pks):
        """The practices ``pks`` (matching ones) by relevance, promoted first: in the order the
        match was read in when it was read ranked (``text_match(rank=True)``), else ranked by
        the search index's rows of those pks; None where only Wagtail's ranked search can rank
        (``matching.ranked_pks``: PostgreSQL only)."""
        if connection.vendor != "postgresql":
            return None
        listed = set(pks)
        promoted = [page for page in self.promoted if page.pk in listed]
        promoted_pks = {page.pk for page in promoted}
        if self.ranked_pks is not None:
            wanted = listed - promoted_pks
            ranked = PksInOrder(
                PracticePage.objects.all(),
                [pk for pk in self.ranked_pks if pk in wanted],
                page_fields=PracticePage.listing_fields,
            )
        else:
            rest = [pk for pk in pks if pk not in promoted_pks]
            ranked = RankedPks(
                PracticePage, self.rank_query, rest, page_fields=PracticePage.listing_fields
            )
        return PromotedFirst(promoted, ranked) if promoted else ranked

    @property
    def notices(self):
        if not self.fallback:
            return []
        return [
            _("No practice matches all of “%(q)s”; showing practices that match some of the words.")
            % {"q": self.terms}
        ]


def text_match(candidates, q, terms, locale, listed, rank=False):
    """Match ``terms`` among ``candidates`` (live practices of ``locale``), whose pks are
    ``listed`` (a container: the listing's facet index), falling back to any word when no
    listed practice matches every word. ``rank``: every match will be shown in relevance
    order, so read them ranked (PostgreSQL), as ``ranked_among`` then uses."""
    language = locale.language_code
    if not tuning_enabled():  # as before issue 14: every word, nothing else (benchmarks)
        words = tuple(terms.casefold().split())
        units = [matching.Unit(words, ((matching.ALL, words),))]
    else:
        units = matching.analyse(terms, language, names=corpus_names(locale))
    match = TextMatch(q, terms, language, units, candidates)
    ranked = rank and connection.vendor == "postgresql"

    def read(every_word=True):
        """Read the matches; whether any is listed (the caller narrows them in memory)."""
        if ranked:
            match.matched_pks, match.ranked_pks = matching.ranked_matching_pks(
                PracticePage, units, language, ranked_by=match.rank_query, every_word=every_word
            )
        else:
            match.matched_pks = matching.matching_pks(
                PracticePage, units, language, every_word=every_word
            )
        return any(pk in listed for pk in match.matched_pks)

    any_listed = read()
    if not tuning_enabled():
        return match
    if not any_listed:
        match.fallback = read(every_word=False)
    match.promoted = promotions.promoted(candidates, q)
    return match


def no_result_suggestions(match, locale, vocabulary, facets, selected):
    """What to offer when even the fallback found nothing: ``{"spelling": [{"q", "url"}],
    "facets": [{"facet", "label", "url"}], "clear_url": url or None}``."""
    if not tuning_enabled():
        return {}
    key = f"{LISTINGS.current()}:{locale.language_code}"

    def texts():
        yield from _name_texts(locale)
        for options in vocabulary.values():
            for _key, label, _group in options:
                yield str(label)

    words = suggestions.vocabulary(key, locale.language_code, texts)
    result = {"spelling": [], "facets": [], "clear_url": None}
    corrected = suggestions.spelling(match.terms, words)
    if corrected:
        result["spelling"].append({"q": corrected, "url": "?" + urlencode({"q": corrected})})
    labelled = [
        (facet["param"], facet["label"], [(o["value"], o["label"]) for o in facet["options"]])
        for facet in facets
    ]
    for param, label, value, value_label in suggestions.matching_facet_values(
        match.terms, labelled, words
    ):
        result["facets"].append(
            {"facet": label, "label": value_label, "url": "?" + urlencode({param: value})}
        )
    if selected:
        result["clear_url"] = "?" + urlencode({"q": match.q})
    return result


def note_results(response, listing):
    """Remember on the response (cached with it) what the search log needs to know."""
    if listing.search is not None and listing.query.page == "1":  # parse_query cleaned it
        response.ocsea_search = (listing.search.q, listing.count > 0)


def log_search(response):
    """Log a first page of search results (Wagtail's query log, and misses), cached or not.

    Only the query text and whether it found anything: nothing about the request (address,
    user, cookie) reaches the log. Counted in the shared cache, with no query (written to the
    database in batch: search_tuning.promotions.flush_search_log); a search that finds the
    buffer due for a flush writes it.
    """
    logged = getattr(response, "ocsea_search", None)
    if logged is None or response.status_code != 200:
        return
    q, found = logged
    try:
        promotions.record_search(q, found)
    except DatabaseError:  # the log is a convenience: never fail a page that could be served
        logger.warning("Search not logged", exc_info=True)


# --- the suggest box (/practices/suggest/) ---------------------------------------------------


def _suggest_index(locale):
    """``[(pk, squashed keys)]`` of the locale's live practices by title, kept per content
    generation: the squashed title, each title word, short runs of words, organisation names
    and tags, so that what is typed matches across spacing and punctuation."""

    def build():
        live = PracticePage.objects.live().filter(locale=locale).order_by("title", "pk")
        names = {pk: [title] for pk, title in live.values_list("pk", "title")}
        for pk, name in PracticeOrganisation.objects.filter(page__in=live.values("pk")).values_list(
            "page_id", "name"
        ):
            names[pk].append(name)
        for pk, name in live.filter(tags__isnull=False).values_list("pk", "tags__name"):
            names[pk].append(name)
        index = []
        for pk, texts in names.items():
            keys = {squash(texts[0])} | set(squashed_aliases(texts))
            keys |= {squash(token) for text in texts for token in text.split()}
            index.append((pk, tuple(sorted(key for key in keys if key))))
        return index

    return memo.remembered(("suggest", locale.language_code), LISTINGS.current(), build)


def suggest_pages(q, locale, limit):
    """Up to ``limit`` live practices of ``locale`` for what was typed so far: a title, a word
    or a name that starts with it (across spacing and punctuation), then practices using a
    synonym of a term it starts (``sexto`` -> "sexual extortion")."""
    live = PracticePage.objects.live().filter(locale=locale)
    wanted = squash(q)
    if len(wanted) < 2:
        return []
    ids = [pk for pk, keys in _suggest_index(locale) if any(k.startswith(wanted) for k in keys)]
    ids = ids[:limit]
    if len(ids) < limit and tuning_enabled():
        typed = phrase_words(q)
        terms = []
        for term, others in synonym_table(locale.language_code).items():
            if (
                len(term) >= len(typed)
                and term[: len(typed) - 1] == typed[:-1]
                and term[len(typed) - 1].startswith(typed[-1])
            ):
                terms.extend([term, *others])
        if terms:
            alternatives = tuple(dict.fromkeys((matching.PHRASE, term) for term in terms))
            unit = matching.Unit(typed, alternatives)
            found = live.filter(
                pk__in=matching.match_ids(live, [unit], locale.language_code)
            ).order_by("title", "pk")
            for pk in found.values_list("pk", flat=True)[: limit * 2]:
                if pk not in ids and len(ids) < limit:
                    ids.append(pk)
    pages = live.in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]
