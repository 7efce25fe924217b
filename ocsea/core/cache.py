"""The shared Redis cache, failing fast and safe.

django-redis with ``IGNORE_EXCEPTIONS`` turns a failed cache call into a logged miss. That is
enough while Redis refuses connections, but a hung or unreachable Redis makes every call wait
for its socket timeout, and a page makes a dozen calls. After a failure this backend skips
Redis for ``RETRY_SECONDS`` (each call is an immediate, logged miss), then tries again, so the
site is served from the database at full speed and recovers by itself.
"""

import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

RETRY_SECONDS = 5.0


class CacheUnavailable(Exception):
    pass


class CircuitBreakingClient:
    """A django-redis client proxy that stops calling Redis for a while after a failure."""

    def __init__(self, client, retry_seconds):
        self._client = client
        self._retry_seconds = retry_seconds
        self._open_until = 0.0

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if time.monotonic() < self._open_until:
                raise ConnectionInterrupted(connection=None) from CacheUnavailable(
                    f"Redis failed less than {self._retry_seconds:.0f} s ago: not retried yet"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                self._open_until = time.monotonic() + self._retry_seconds
                raise

        return call


class FailSafeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._breaker = None

    @property
    def client(self):
        if self._breaker is None:
            self._breaker = CircuitBreakingClient(super().client, RETRY_SECONDS)
        return self._breaker
