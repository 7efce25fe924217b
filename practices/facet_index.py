"""The listing's facet index: which practices carry each facet value, as bitmaps in memory.

A listing request needs, for every facet value (about 230), how many matching practices carry
it with every *other* facet's selection applied (disjunctive counts). Over the link tables
that is six aggregate queries whose cost grows with the corpus. Each app process keeps
instead, per locale and content generation, one compressed bitmap (pyroaring) per facet
value over the locale's listing, so the counts are intersections and popcounts, and the
results of a filter combination are one intersection.

A practice's position in the bitmaps is its rank in title order as the database sorts it
(``title, pk``): the default listing's page *n* is the *n*-th run of set positions. The other
orders are kept as permutations of the positions, read from the database with the ranks.

The index is rebuilt by the first request after the content generation moves on
(``practices.caching.LISTINGS`` lives in the shared cache, so every server rebuilds), and is
kept per process by ``ocsea.core.memo``. ``bench/facet_index_bench.py`` prints what a
rebuild costs and how much memory it takes.
"""

from array import array
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from pyroaring import BitMap
from wagtail.models import Locale

from ocsea.core import memo

from .caching import LISTINGS
from .facets import FACETS, key_order
from .models import PracticeIndexPage

# The listing's orders the index answers itself, by their sort names, as ``order_by`` fields
# (practices.listing.SORTS adds "relevance", the search backend's). The first is the order of
# the positions; ties are broken by pk, as the database would be asked to.
ORDERS = {
    "title": ("title", "pk"),
    "-published": ("-last_published_at", "title"),
    "-reviewed": ("-last_reviewed", "title"),
}
INDEXED_SORTS = tuple(ORDERS)


def _order_by(sort):
    fields = [*ORDERS[sort], "pk"]
    return [F(field[1:]).desc() if field.startswith("-") else F(field).asc() for field in fields]


# Below this many results, the page of a permuted order comes from sorting the results; above
# it, from walking the permutation (dense results fill a page after a few steps).
SORT_RESULTS_BELOW = 4096
EMPTY = BitMap()


@dataclass
class FacetIndex:
    pks: array  # position -> practice pk
    locale_ids: array  # position -> the practice's locale id
    positions: dict  # practice pk -> position
    everything: BitMap  # the locale's listing: its practices and untranslated default ones
    translated: BitMap  # the locale's own practices only
    values: dict  # facet param -> {str(key): BitMap of positions}
    keys: dict  # facet param -> {str(key): key as the link table holds it}
    orders: dict  # sort -> (positions in that order, rank of each position in it)
    default_locale_id: int
    languages: dict  # locale id -> language code

    def within(self, translated_only):
        return self.translated if translated_only else self.everything

    def listed(self, within):
        """The practices at the positions ``within``, as a container of pks (``pk in``)."""
        return _Listed(self.positions, within)

    def pks_at(self, positions):
        return [self.pks[position] for position in positions]

    def to_positions(self, pks):
        """The positions of those of ``pks`` that are in the listing."""
        return BitMap(
            [position for position in map(self.positions.get, pks) if position is not None]
        )

    def select(self, selected, within, with_counts=True):
        """``(results, counts)`` for ``selected`` (``{param: [keys]}``, OR within a facet,
        AND across facets) among the positions ``within``; ``counts`` is
        ``{param: {key: n}}`` with each facet counted under every other facet's selection."""
        chosen = {
            param: BitMap.union(*(self.values[param].get(key, EMPTY) for key in keys))
            for param, keys in selected.items()
        }
        results = within
        for bitmap in chosen.values():
            results = results & bitmap
        counts = {}
        for facet in FACETS if with_counts else ():
            if facet.param in chosen:  # its own selection must not narrow it
                among = within
                for param, bitmap in chosen.items():
                    if param != facet.param:
                        among = among & bitmap
            else:
                among = results
            counts[facet.param] = {
                key: n
                for key, bitmap in self.values[facet.param].items()
                if (n := among.intersection_cardinality(bitmap))
            }
        return results, counts

    def page_pks(self, results, sort, start, stop):
        """The pks of ``results[start:stop]`` in ``sort`` order."""
        if sort == "title":
            chosen = results[start:stop]
        else:
            order, rank = self.orders[sort]
            if len(results) < SORT_RESULTS_BELOW:
                chosen = sorted(results, key=rank.__getitem__)[start:stop]
            else:
                chosen = []
                for position in order:
                    if position in results:
                        chosen.append(position)
                        if len(chosen) == stop:
                            break
                chosen = chosen[start:]
        return [self.pks[position] for position in chosen]

    def term_keys(self, pks):
        """``{pk: {facet param: [sorted keys]}}`` of the practices ``pks`` (a page of
        results), as the link tables hold them (``practices.facets.attach_term_keys``
        without a query): one intersection per facet value with the page's positions, not
        a membership test per value and practice."""
        shown = BitMap(self.positions[pk] for pk in pks)
        found = {position: {facet.param: [] for facet in FACETS} for position in shown}
        for facet in FACETS:
            for key, bitmap in self.values[facet.param].items():
                if shown.intersect(bitmap):
                    original = self.keys[facet.param][key]
                    for position in shown & bitmap:
                        found[position][facet.param].append(original)
        for by_param in found.values():
            for param, keys in by_param.items():
                keys.sort(key=key_order(param))
        return {pk: found[self.positions[pk]] for pk in pks}

    def size_in_bytes(self):
        """Roughly what the index holds in memory (bitmaps serialised, arrays, the pk map)."""
        bitmaps = [self.everything, self.translated] + [
            bitmap for by_key in self.values.values() for bitmap in by_key.values()
        ]
        return (
            sum(len(bitmap.serialize()) for bitmap in bitmaps)
            + sum(order.itemsize * len(order) * 2 for order, _rank in self.orders.values())
            + self.pks.itemsize * len(self.pks) * 2
            + len(self.positions) * 100  # a dict entry with two small ints
        )


class _Listed:
    def __init__(self, positions, within):
        self.positions = positions
        self.within = within

    def __contains__(self, pk):
        position = self.positions.get(pk)
        return position is not None and position in self.within


def build(locale):
    """The facet index of ``locale``'s listing, read in seven queries plus one per locale."""
    default = Locale.get_default()
    listing = PracticeIndexPage.live_practices(locale, untranslated=True)
    rows = (
        listing.annotate(
            **{
                f"rank{number}": Window(RowNumber(), order_by=_order_by(sort))
                for number, sort in enumerate(INDEXED_SORTS[1:])
            }
        )
        .order_by(*ORDERS[INDEXED_SORTS[0]])
        .values_list("pk", "locale_id", *(f"rank{n}" for n in range(len(INDEXED_SORTS) - 1)))
    )
    pks, locale_ids = array("q"), array("q")
    ranks = [[] for _sort in INDEXED_SORTS[1:]]
    for pk, locale_id, *row_ranks in rows:
        pks.append(pk)
        locale_ids.append(locale_id)
        for ranked, rank in zip(ranks, row_ranks, strict=True):
            ranked.append(rank - 1)
    positions = {pk: position for position, pk in enumerate(pks)}
    orders = {}
    for sort, rank_of in zip(INDEXED_SORTS[1:], ranks, strict=True):
        order = array("q", bytes(8 * len(rank_of)))
        for position, rank in enumerate(rank_of):
            order[rank] = position
        orders[sort] = (order, array("q", rank_of))

    values, keys = {}, {}
    for facet in FACETS:
        link, practice_column, term_field = facet.through
        members, originals = {}, {}
        for pk, key in link.objects.filter(
            **{f"{practice_column}__in": listing.values("pk")}
        ).values_list(practice_column, f"{term_field}__{facet.key}"):
            text = str(key)
            members.setdefault(text, []).append(positions[pk])
            originals[text] = key
        values[facet.param] = {text: BitMap(found) for text, found in members.items()}
        keys[facet.param] = originals

    own = BitMap(position for position, owner in enumerate(locale_ids) if owner == locale.pk)
    return FacetIndex(
        pks=pks,
        locale_ids=locale_ids,
        positions=positions,
        everything=BitMap(range(len(pks))),
        translated=own,
        values=values,
        keys=keys,
        orders=orders,
        default_locale_id=default.pk,
        languages=dict(Locale.objects.values_list("pk", "language_code")),
    )


def facet_index(locale):
    """The current facet index of ``locale`` (built on first use in each generation)."""
    return memo.remembered(
        ("facet-index", locale.language_code), LISTINGS.current(), lambda: build(locale)
    )
