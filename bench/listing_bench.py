"""Listing benchmark: p50/p95 latency and queries per request at two corpus sizes.

Run with `make bench` (or `python bench/listing_bench.py --backend sqlite --sizes 1000 10000`).
For each backend it builds a separate database, loads the real content, tops it up with
synthetic practices to each size, serves it with gunicorn under the production settings, and
times six representative requests against GET /healthz on the same server.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REQUESTS = {
    "no filter": "/en/practices/",
    "one facet": "/en/practices/?country=IS",
    "three facets": "/en/practices/?country=NO&country=SE&capability=8&theme=victim-support",
    "text only": "/en/practices/?q=helpline",
    "text + two facets": "/en/practices/?q=child+protection&country=FR&capability=5",
    "JSON, all facets": (
        "/en/practices/?format=json&country=IS&capability=8&article=lanzarote-30"
        "&theme=victim-support&target=children&tag=helpline"
    ),
}
PORT = 8765


def environment(database_url):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="ocsea.settings.production",
        DJANGO_SECRET_KEY="bench-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        REDIS_URL="redis://127.0.0.1:6379/15",
        EMAIL_HOST="127.0.0.1",
        DEFAULT_FROM_EMAIL="bench@example.org",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def psql(sql, database="ocsea_bench"):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q", "-c", sql], check=True
    )


SQLITE_PATH = Path("/tmp/ocsea-bench.sqlite3")


def database_url(backend):
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    return "postgres://postgres@127.0.0.1:5432/ocsea_bench"


def prepare_database(backend):
    """A new, empty benchmark database (never the development one)."""
    if backend == "sqlite":
        SQLITE_PATH.unlink(missing_ok=True)
    else:
        for sql in ("DROP DATABASE IF EXISTS ocsea_bench", "CREATE DATABASE ocsea_bench"):
            psql(sql, database="postgres")
    return database_url(backend)


def count_queries(env):
    """Queries per request, measured in-process with Django's test client."""
    code = (
        "import django, json, sys; django.setup();"
        "from django.test import Client; from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext;"
        'c = Client(HTTP_HOST="127.0.0.1"); out = {};\n'
        "for name, url in json.loads(sys.argv[1]).items():\n"
        "    c.get(url)\n"
        "    with CaptureQueriesContext(connection) as q: c.get(url)\n"
        "    out[name] = len(q)\n"
        "print(json.dumps(out))"
    )
    import json

    result = subprocess.run(
        [PYTHON, "-c", code, json.dumps(REQUESTS)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_requests(url, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def measure(env, repeat):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "ocsea.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        results = {"healthz": time_requests(base + "/healthz", repeat)}
        for name, path in REQUESTS.items():
            time_requests(base + path, 2)  # warm-up
            results[name] = time_requests(base + path, repeat)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgres"], action="append")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the corpus of a previous run and top it up"
    )
    args = parser.parse_args()
    for backend in args.backend or ["sqlite", "postgres"]:
        env = environment(database_url(backend) if args.reuse else prepare_database(backend))
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_content")
        measured = {}
        for size in sorted(args.sizes):
            code = (
                "import django; django.setup();"
                "from practices.models import PracticePage;"
                "print(PracticePage.objects.count())"
            )
            current = int(
                subprocess.run(
                    [PYTHON, "-c", code],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.strip()
            )
            if size > current:
                manage(env, "seed_synthetic_practices", "--count", str(size - current))
            if backend == "postgres":
                # As autovacuum would after a bulk load: the planner needs current statistics.
                psql("ANALYZE")
            uncached_env = {**env, "OCSEA_LISTING_CACHE_SECONDS": "0"}
            queries = count_queries(uncached_env)
            for label, server_env in (("uncached", uncached_env), ("cached", env)):
                timings = measure(server_env, args.repeat)
                measured[(size, label)] = timings
                print(f"\n== {backend}, {size} practices, response cache {label}")
                print("   (p50 ms, p95 ms, SQL queries uncached, p50 / healthz p50)")
                health = timings["healthz"][0]
                print(f"  {'GET /healthz':<20} {health:7.1f} {timings['healthz'][1]:7.1f}")
                for name in REQUESTS:
                    p50, p95 = timings[name]
                    ratio = p50 / health
                    print(f"  {name:<20} {p50:7.1f} {p95:7.1f} {queries[name]:4d}q {ratio:6.1f}x")
        sizes = sorted({size for size, _label in measured})
        if len(sizes) >= 2:
            for label in ("uncached", "cached"):
                small, large = measured[(sizes[0], label)], measured[(sizes[-1], label)]
                print(f"\n== {backend}, {label}: growth {sizes[-1]} / {sizes[0]} (p50 ratio)")
                for name in REQUESTS:
                    print(f"  {name:<20} {large[name][0] / small[name][0]:5.2f}")


if __name__ == "__main__":
    main()
