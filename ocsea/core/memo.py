"""Per-process memory of structures derived from the content, valid for one generation.

The names and words of every practice (for squashed-name matching, the suggest box and
spelling suggestions) and the listing's facet index (``practices.facet_index``) grow with
the corpus; fetching them from the shared cache on every request would move megabytes per
keystroke at 10,000 practices. Each app server keeps its
own copy, keyed by the generation the caller passes (read from the shared cache, so every
server sees a change at once) and by an epoch token that lives in the shared cache too: when
the cache is flushed, the epoch changes and nothing stale survives.
"""

import threading
import uuid

from django.core.cache import cache

EPOCH_KEY = "ocsea:memo-epoch"
_store = {}
_lock = threading.RLock()  # a build may read another remembered value


def epoch():
    return cache.get_or_set(EPOCH_KEY, uuid.uuid4().hex, None)


def remembered(slot, generation, build):
    """``build()``'s value for ``slot`` (e.g. ``("names", "en")``) at ``generation``."""
    version = (epoch(), generation)
    entry = _store.get(slot)
    if entry is not None and entry[0] == version:
        return entry[1]
    with _lock:  # one build at a time: threads that waited for it take its result
        entry = _store.get(slot)
        if entry is not None and entry[0] == version:
            return entry[1]
        value = build()
        _store[slot] = (version, value)
    return value
