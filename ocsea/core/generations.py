"""Cache generations: a counter in the shared cache that cache keys include.

Whatever derives from some content is cached under a key holding the content's generation;
a change to the content bumps it, so the next read builds anew. The counter lives in the
shared cache (Redis in production), so every app server sees a change at once and no restart
is needed; old entries simply expire.
"""

from django.core.cache import cache


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        return cache.get_or_set(self.key, 1, None)

    def bump(self, **kwargs):
        """Move the generation on (its signature fits a signal receiver)."""
        try:
            cache.incr(self.key)
        except ValueError:  # not in the cache (flushed or evicted): start again
            cache.set(self.key, 1, None)
