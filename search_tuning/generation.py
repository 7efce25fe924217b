"""A cache generation for what editors tune: saving or deleting a synonym moves it on.

It lives in the shared cache (Redis in production), so every app server sees an edit at once
and no restart is needed; old entries simply expire.
"""

from django.core.cache import cache

GENERATION_KEY = "search_tuning:generation"


def current():
    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
