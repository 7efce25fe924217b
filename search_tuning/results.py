"""Result lists for a Paginator: editors' promoted results first, then ranked matches; ranked
matches whose number is already known; ranked matches among given pks."""

from ocsea.core.paging import PagedByPk


class PromotedFirst:
    def __init__(self, promoted, ranked):
        self.promoted = list(promoted)
        self.ranked = ranked
        self._count = None

    def count(self):
        if self._count is None:
            self._count = len(self.promoted) + self.ranked.count()
        return self._count

    def __len__(self):
        return self.count()

    def __iter__(self):  # every result (downloads), not one query per result
        yield from self.promoted
        yield from self.ranked

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        head = self.promoted[start:stop]
        rest_start = max(start - len(self.promoted), 0)
        rest_stop = max(stop - len(self.promoted), 0)
        tail = list(self.ranked[rest_start:rest_stop]) if rest_stop > rest_start else []
        return head + tail


class Counted:
    """Search results whose number the caller already knows (a Paginator asks for it)."""

    def __init__(self, results, count):
        self.results = results
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __iter__(self):  # every result (downloads), not one query per result
        return iter(self.results)

    def __getitem__(self, index):
        return self.results[index]


class RankedPks(PagedByPk):
    """Objects of ``model`` among ``pks``, in relevance order for ``query``
    (``matching.ranked_pks``)."""

    def __init__(self, model, query, pks, page_fields=None):
        super().__init__(model.objects.all(), page_fields)
        self.model = model
        self.query = query
        self.pks = pks

    def count(self):
        return len(self.pks)

    def pks_between(self, start, stop):
        from .matching import ranked_pks

        return ranked_pks(self.model, self.query, self.pks, start, stop)
