"""Result lists whose order is known as pks, read from the database a page at a time."""

ITERATION_BATCH = 500


class PagedByPk:
    """What a Paginator slices: ``count()`` results whose pks, in order, ``pks_between`` gives;
    a slice reads only its own objects from ``queryset``, in one query, and only their
    ``page_fields`` when given (what a page of results shows: whole page models cost about
    twice as much to read). Iterating (downloads) reads whole objects."""

    def __init__(self, queryset, page_fields=None):
        self.queryset = queryset
        self.page_fields = page_fields

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
        shown = self.queryset if self.page_fields is None else self.queryset.only(*self.page_fields)
        return self.objects(self.pks_between(start, stop), shown)

    def __iter__(self):
        """Every result (downloads), a batch of objects per query: without it, iterating
        would read one object per query through ``__getitem__``."""
        pks = self.pks_between(0, self.count())
        for start in range(0, len(pks), ITERATION_BATCH):
            yield from self.objects(pks[start : start + ITERATION_BATCH])

    def objects(self, pks, queryset=None):
        """The objects of ``pks`` in that order (those that left the queryset meanwhile are
        skipped)."""
        found = (self.queryset if queryset is None else queryset).in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


class PksInOrder(PagedByPk):
    """The objects of ``pks``, already in the order shown."""

    def __init__(self, queryset, pks, page_fields=None):
        super().__init__(queryset, page_fields)
        self.pks = pks

    def count(self):
        return len(self.pks)

    def pks_between(self, start, stop):
        return self.pks[start:stop]
