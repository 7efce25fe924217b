"""Result lists for a Paginator: editors' promoted results first, then ranked matches; ranked
matches whose number is already known."""


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

    def __getitem__(self, index):
        return self.results[index]
