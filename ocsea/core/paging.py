"""Result lists whose order is known as pks, read from the database a page at a time."""


class PagedByPk:
    """What a Paginator slices: ``count()`` results whose pks, in order, ``pks_between`` gives;
    a slice reads only its own objects from ``queryset``, in one query."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        raise NotImplementedError

    def pks_between(self, start, stop):
        raise NotImplementedError

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start = item.start or 0
        stop = self.count() if item.stop is None else min(item.stop, self.count())
        return self.objects(self.pks_between(start, stop))

    def objects(self, pks):
        """The objects of ``pks`` in that order (those that left the queryset meanwhile are
        skipped)."""
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


class PksInOrder(PagedByPk):
    """The objects of ``pks``, already in the order shown."""

    def __init__(self, queryset, pks):
        super().__init__(queryset)
        self.pks = pks

    def count(self):
        return len(self.pks)

    def pks_between(self, start, stop):
        return self.pks[start:stop]
