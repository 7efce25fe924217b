"""Search quality on the real content: hit@5 and zero-result queries for 20 practitioners'
queries, with the search tuning of issue 14 (``search_tuning``) on or off.

Not a test: it loads every fixture (``load_content``) into a fresh database of its own and
asks the listing (``/en/practices/?q=…``, ``Accept: application/json``) each query, as a
visitor would.

    .venv/bin/python bench/search_quality.py --backend sqlite            # after
    .venv/bin/python bench/search_quality.py --backend sqlite --before   # before
    .venv/bin/python bench/search_quality.py --backend postgres [--before]
    .venv/bin/python bench/search_quality.py --compare                   # all four, a table

``--before`` turns the tuning off (``OCSEA_SEARCH_TUNING=0``: every word must match, no
fallback, synonyms, squashed names or suggestions) and, on SQLite, indexes without FTS5's
porter stemmer, as the search was before issue 14. The PostgreSQL database is
``ocsea_search_bench`` on 127.0.0.1 (dropped and created), the SQLite one a temporary file.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "ocsea_search_bench"

# (query as a practitioner types it, slugs of practices that answer it)
QUERIES = [
    ("blocking CSAM websites", {"telenor-interpol-csam-blocking", "isp-csam-url-lists-iwol-iwf"}),
    (
        "sextortion",
        {
            "say-no-campaign-ukraine-moldova",
            "stop-sexting-ukraine",
            "coe-2017-european-day-parent-video-tutorials",
        },
    ),
    ("Stop it now", {"stopitnow"}),
    ("b bico", {"b-bico-belgium"}),
    ("helplines", {"child-helpline-international", "alo-116-albania", "stopitnow"}),
    ("grooming laws", {"criminalising-grooming-for-online-abuse"}),
    ("children's house", {"barnahus"}),
    ("online solicitation of children", {"criminalising-grooming-for-online-abuse"}),
    ("hash matching of images", {"photodna-hash-matching-known-csam"}),
    (
        "training judges",
        {
            "era-child-friendly-justice-training-judges",
            "turkey-judicial-training-child-protection",
            "specialist-prosecutor-training-ocsea",
            "help-training-criminal-justice",
        },
    ),
    ("sex offender registers", {"sex-offender-registers"}),
    (
        "child pornography blocking",
        {"telenor-interpol-csam-blocking", "isp-csam-url-lists-iwol-iwf"},
    ),
    (
        "help for people attracted to children",
        {
            "dunkelfeld",
            "stopitnow",
            "de-waag-netherlands",
            "otanvastuun-finland",
            "austria-men-counselling-centres",
        },
    ),
    ("forensic interview rooms", {"turkey-forensic-interview-rooms", "barnahus"}),
    ("compensation for victims", {"financial-compensation-child-victims"}),
    ("parental control app", {"kidsafe-app-azerbaijan"}),
    ("sexting campaign", {"stop-sexting-ukraine", "i-only-forwarded-it-latvia"}),
    ("web constables", {"community-policing-online-safety"}),
    (
        "OCSEA training for prosecutors",
        {"specialist-prosecutor-training-ocsea", "turkey-judicial-training-child-protection"},
    ),
    (
        "victim identification database",
        {"interpol-icse-database", "europol-victim-identification-taskforce"},
    ),
]


def fresh_database(backend):
    if backend == "sqlite":
        path = Path(tempfile.gettempdir()) / "ocsea-search-quality.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"{PG_SERVER}/{PG_DATABASE}"


def run(backend, before):
    """Load the content into a fresh database and measure, in this process."""
    os.environ["DATABASE_URL"] = fresh_database(backend)
    os.environ["OCSEA_SEARCH_TUNING"] = "0" if before else "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocsea.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    if before and connection.vendor == "sqlite":
        import importlib

        porter = importlib.import_module("search_tuning.migrations.0002_sqlite_porter_stemming")
        with connection.schema_editor() as editor:
            porter.recreate(None)(None, editor)
    with open(os.devnull, "w") as quiet:
        call_command("load_content", stdout=quiet)

    client = Client()
    hits = zero = 0
    rows = []
    for q, expected in QUERIES:
        data = client.get("/en/practices/", {"q": q}, HTTP_ACCEPT="application/json").json()
        slugs = [result["url"].rstrip("/").rsplit("/", 1)[-1] for result in data["results"]]
        hit = bool(expected & set(slugs[:5]))
        hits += hit
        zero += data["count"] == 0
        rows.append((q, data["count"], hit, slugs[:3]))
    label = f"{backend}, {'before' if before else 'after'}"
    print(f"== {label}")
    for q, count, hit, top in rows:
        print(f"  {'HIT ' if hit else 'miss'} {count:4d}  {q!r:42} {', '.join(top)}")
    print(f"RESULT {label}: hit@5 {hits}/{len(QUERIES)}, zero-result queries {zero}")


def compare():
    lines = []
    for backend in ("sqlite", "postgres"):
        for before in (True, False):
            args = [sys.executable, __file__, "--backend", backend] + (
                ["--before"] if before else []
            )
            output = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)
            print(output.stdout, end="", flush=True)
            lines += [line for line in output.stdout.splitlines() if line.startswith("RESULT")]
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--before", action="store_true", help="turn issue 14's tuning off")
    parser.add_argument("--compare", action="store_true", help="both backends, before and after")
    args = parser.parse_args()
    if args.compare:
        compare()
    else:
        run(args.backend, args.before)


if __name__ == "__main__":
    main()
