"""What the listing's facet index costs: rebuild time, memory, and the time of a selection.

Run against a benchmark database (``make bench`` calls it after seeding each size):
``DATABASE_URL=... python bench/facet_index_bench.py``. Prints one JSON object.
"""

import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocsea.settings.production")

import django  # noqa: E402

django.setup()

from wagtail.models import Locale  # noqa: E402

from practices.facet_index import build  # noqa: E402

SELECTIONS = {
    "no filter": {},
    "one facet": {"country": ["IS"]},
    "three facets": {"country": ["NO", "SE"], "capability": ["8"], "theme": ["victim-support"]},
    "six facets": {
        "country": ["IS"],
        "capability": ["8"],
        "article": ["lanzarote-30"],
        "theme": ["victim-support"],
        "target": ["children"],
        "tag": ["helpline"],
    },
}


def timed(function, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main():
    locale = Locale.get_default()
    build(locale)  # warm the connection and the database's caches
    rebuild_ms = timed(lambda: build(locale), 3)
    tracemalloc.start()
    index = build(locale)
    traced, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {
        "practices": len(index.everything),
        "facet_values": sum(len(values) for values in index.values.values()),
        "rebuild_ms": round(rebuild_ms, 1),
        # Python objects the build allocated (arrays, the pk map) plus the bitmaps' own size.
        "memory_bytes": traced + index.size_in_bytes(),
        "select_ms": {
            name: round(timed(lambda s=selection: index.select(s, index.everything), 50), 3)
            for name, selection in SELECTIONS.items()
        },
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
