"""From what a searcher typed to what the search backend matches.

A query is read as *units*: each of the searcher's words, or a run of words that is a synonym
(``sexual extortion``) or a name written without spaces (``stop it now`` for ``StopItNow!``),
with its alternatives. A practice matches **every word** when it matches at least one
alternative of each unit; the **any-word** fallback matches any alternative's word.
Expressions are Wagtail's search query objects (``And``, ``Or``, ``Phrase``, ``PlainText``),
which both database backends understand; on PostgreSQL the match reads the index's title and
body vectors directly, as one vector, so that one GIN index answers it.
"""

from dataclasses import dataclass
from functools import reduce

from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Q, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from wagtail.search.query import And, Or, Phrase, PlainText

from .config import config_for_language
from .synonyms import longest_phrase, synonym_table
from .text import MAX_NAME_WORDS, WORD, fold, squash

ALL, PHRASE = "all", "phrase"
# Words the any-word fallback does not match on their own (PostgreSQL drops them anyway; SQLite
# indexes every word, so "of" would match every practice).
STOP_WORDS = frozenset(
    """a an and are as at be by for from has have in into is it its of on or that the their
    this to was were what which who with how can do i my we you your
    au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne ou par pas
    pour qu que qui sa se ses son sont sur un une""".split()
)


@dataclass(frozen=True)
class Unit:
    words: tuple  # the searcher's words it covers, lower case
    alternatives: tuple  # ((ALL or PHRASE, words), ...); the first is the searcher's own


def singular(word):
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _synonyms_of(table, gram):
    key = tuple(fold(word) for word in gram)
    found = table.get(key)
    if found is None and key:
        found = table.get((*key[:-1], singular(key[-1])))
    return found or []


def analyse(terms, language, names=frozenset(), synonyms=True):
    """The units of ``terms`` (already reduced to words) for a search in ``language``.

    ``names`` is a set of squashed names (``search_tuning.text.squash``) the corpus holds; a
    run of two or three words whose squashed form is one of them gets it as an alternative.
    """
    words = WORD.findall(terms.casefold())
    table = synonym_table(language) if synonyms else {}
    longest = max(longest_phrase(table), MAX_NAME_WORDS if names else 1)
    units = []
    position = 0
    while position < len(words):
        unit = None
        for size in range(min(longest, len(words) - position), 0, -1):
            gram = tuple(words[position : position + size])
            alternatives = [(ALL, gram)]
            for other in _synonyms_of(table, gram):
                alternatives.append((PHRASE if len(other) > 1 else ALL, other))
            if size >= 2 and names:
                squashed = squash(" ".join(gram))
                if squashed in names:
                    alternatives.append((ALL, (squashed,)))
            if len(alternatives) > 1:
                unit = Unit(gram, tuple(dict.fromkeys(alternatives)))
                break
        if unit is None:
            unit = Unit((words[position],), ((ALL, (words[position],)),))
        units.append(unit)
        position += len(unit.words)
    return units


def _alternative(kind, words):
    text = " ".join(words)
    return Phrase(text) if kind == PHRASE and len(words) > 1 else PlainText(text, operator="and")


def _either(queries):
    queries = list(queries)
    return queries[0] if len(queries) == 1 else Or(queries)


def unit_query(unit):
    return _either([_alternative(kind, words) for kind, words in unit.alternatives])


def every_word_query(units):
    queries = [unit_query(unit) for unit in units]
    return queries[0] if len(queries) == 1 else And(queries)


def any_word_parts(units):
    """(kind, words) of the any-word fallback: each word on its own, phrases whole."""
    parts = []
    for unit in units:
        for kind, words in unit.alternatives:
            if kind == PHRASE and len(words) > 1:
                parts.append((PHRASE, words))
            else:
                parts.extend((ALL, (word,)) for word in words if fold(word) not in STOP_WORDS)
    return list(dict.fromkeys(parts))


def any_word_query(units):
    parts = any_word_parts(units)
    if not parts:
        return None
    return _either([_alternative(kind, words) for kind, words in parts])


# --- matching -----------------------------------------------------------------------------


def _postgres_search_query(query, config):
    from django.contrib.postgres.search import SearchQuery

    if isinstance(query, PlainText):
        return SearchQuery(query.query_string, config=config, search_type="plain")
    if isinstance(query, Phrase):
        return SearchQuery(query.query_string, config=config, search_type="phrase")
    parts = [_postgres_search_query(sub, config) for sub in query.subqueries]
    if isinstance(query, And):
        return reduce(lambda a, b: a & b, parts)
    return reduce(lambda a, b: a | b, parts)


def _postgres_entries(model):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


def _title_and_body():
    """A search index row's title and body vectors as one, as Wagtail's ranked search matches
    them: migration 0003's expression index answers a match on it."""
    from django.contrib.postgres.search import SearchVectorField

    return CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())


def _postgres_matching(entries, query, config):
    """``entries`` whose title and body, as one vector, match ``query``: one condition, which
    one GIN index answers in one scan (with every word's entries read separately from the
    title's and the body's indexes, a word found in most practices cost a bitmap of nearly
    every row, and the planner a tree of ORs).

    A query PostgreSQL reduces to nothing (only stop words, e.g. "it") matches every object,
    as ``plainto_tsquery`` of a whole sentence ignores its stop words; a unit reduced to
    nothing drops out of the query (``&&``) the same way.
    """
    search_query = _postgres_search_query(query, config)
    return entries.annotate(
        _document=_title_and_body(),
        _nodes=Func(search_query, function="numnode", output_field=IntegerField()),
    ).filter(Q(_document=search_query) | Q(_nodes=0))


def _object_pks(entries):
    return entries.annotate(object_pk=Cast("object_id", IntegerField())).values("object_pk")


def _postgres_matching_entries(model, units, language, every_word):
    """The search index rows of ``model`` objects matching ``units`` (every word, or any
    word), or None when there is nothing to match."""
    query = every_word_query(units) if every_word else any_word_query(units)
    if query is None:
        return None
    return _postgres_matching(_postgres_entries(model), query, config_for_language(language))


def match_ids(queryset, units, language, every_word=True):
    """Ids of objects in ``queryset`` matching ``units`` (every word, or any word), as a
    subquery (``.values("pk")``), or ``None`` when there is nothing to match."""
    if not units:
        return None
    if connection.vendor == "postgresql":
        entries = _postgres_matching_entries(queryset.model, units, language, every_word)
        if entries is None:
            return None
        return queryset.filter(pk__in=_object_pks(entries)).values("pk")
    query = every_word_query(units) if every_word else any_word_query(units)
    if query is None:
        return None
    return queryset.search(query, order_by_relevance=False).get_queryset().values("pk")


def matching_pks(model, units, language, every_word=True):
    """The pks of every ``model`` object matching ``units`` (every word, or any word), as a
    list, whatever else would narrow them: the caller narrows in memory (the listing's facet
    index). On PostgreSQL, read from the search index's own rows alone, with no join, as one
    array."""
    if units and connection.vendor == "postgresql":
        return ranked_matching_pks(model, units, language, every_word=every_word)[0]
    ids = match_ids(model.objects.all(), units, language, every_word)
    return [] if ids is None else list(ids.values_list("pk", flat=True))


class _EqualsAny(Func):
    """``expression = ANY(array)``."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def rank_expression(model, query):
    """Wagtail's PostgreSQL rank of a search index row for ``query``, as its ranked search
    computes it (title weighted by its norm, plus body)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    compiler = backend.query_compiler_class(model.objects.none(), query, operator="and")
    config = compiler.get_config(backend)
    return compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
        "title_norm"
    ) + compiler.build_tsrank(F("body"), compiler.query, config=config)


def ranked_matching_pks(model, units, language, ranked_by=None, every_word=True):
    """``(matching, ranked)``: the pks of every ``model`` object matching ``units`` (as
    ``matching_pks``), and, for ``ranked_by`` (a search query), the same pks in the order
    ``ranked_pks`` gives; ``ranked`` is None without ``ranked_by``. PostgreSQL only.

    One query on the search index's own rows, whose GIN index answers the match: when every
    match is shown in relevance order (a search narrowed by nothing else), ranking the rows as
    they are read spares sending their pks back to be ranked. Ranked, the matches are read once,
    in order, and are both lists (a second, unordered array cost 1-2 ms at 10,000 practices).
    """
    from django.contrib.postgres.aggregates import ArrayAgg

    entries = _postgres_matching_entries(model, units, language, every_word)
    if entries is None:
        return [], ([] if ranked_by is not None else None)
    object_pk = Cast("object_id", IntegerField())
    if ranked_by is None:
        return entries.aggregate(matching=ArrayAgg(object_pk, default=[]))["matching"], None
    entries = entries.annotate(_rank=rank_expression(model, ranked_by))
    order = (F("_rank").desc(), object_pk.desc())
    ranked = entries.aggregate(ranked=ArrayAgg(object_pk, order_by=order, default=[]))["ranked"]
    return ranked, ranked


def ranked_pks(model, query, pks, start, stop):
    """``pks`` in the order Wagtail's PostgreSQL backend ranks them for ``query`` (its own rank
    expression, highest first, then the highest pk), cut to ``[start:stop]``. PostgreSQL only
    (``practices.text_search.TextMatch.ranked_among`` asks for it there).

    Wagtail's ranked search joins the search index to the pages and carries every page column
    through the sort; ranking the search index's rows of the given pks, read by key, costs only
    the ranking. Pks that do not match rank last (0) instead of being dropped, so that a page
    never comes up short of its count.
    """
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import CharField

    # One array parameter, not one parameter per pk: thousands of pks cost no more to send.
    listed = Value([str(pk) for pk in pks], output_field=ArrayField(CharField()))
    rows = (
        _postgres_entries(model)
        .filter(_EqualsAny(F("object_id"), listed))
        .annotate(rank=rank_expression(model, query), object_pk=Cast("object_id", IntegerField()))
        .order_by("-rank", "-object_pk")
        .values_list("object_pk", flat=True)
    )
    return list(rows[start:stop])


def rank_query(units):
    """The query that orders matches by relevance: any alternative counts, more count more."""
    return any_word_query(units) or every_word_query(units)
