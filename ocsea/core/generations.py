"""Cache generations: a counter in the shared cache that cache keys include.

Whatever derives from some content is cached under a key holding the content's generation;
a change to the content bumps it, so the next read builds anew. The counter lives in the
shared cache (Redis in production), so every app server sees a change at once and no restart
is needed; old entries simply expire.
"""

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        return cache.get_or_set(self.key, 1, None)

    def bump(self, **kwargs):
        """Move the generation on, now and again when the transaction commits (its signature
        fits a signal receiver).

        A request that reads the new generation before the change commits builds from the old
        content; the second move on commit discards what it built.
        """
        self._move_on()
        transaction.on_commit(self._move_on)

    def _move_on(self):
        try:
            cache.incr(self.key)
        except ValueError:  # not in the cache (flushed or evicted): start again
            cache.set(self.key, 1, None)
