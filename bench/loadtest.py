"""`make loadtest`: the production server under 50 concurrent visitors for 60 seconds.

Builds its own PostgreSQL database (`ocsea_loadtest` on 127.0.0.1:5432) and uses its own Redis
database number (14 on 127.0.0.1:6379); loads the full content plus 10,000 synthetic
practices; serves it with gunicorn (2 workers, production settings); drives it with locust
(headless, loopback only, bounded in time) with the mix of bench/locustfile.py; prints
requests per second, p50/p95/p99 per kind of request and errors; drops the database.
Exit status 1 when any request failed or answered 5xx.

    python bench/loadtest.py [--users 50] [--duration 60] [--practices 10000] [--reuse]

--reuse keeps the seeded database for the next run (seeding takes about ten minutes).
"""

import argparse
import csv
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "ocsea_loadtest"
REDIS_URL = "redis://127.0.0.1:6379/14"


def environment():
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        DJANGO_SETTINGS_MODULE="ocsea.settings.production",
        DJANGO_SECRET_KEY="loadtest-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        REDIS_URL=REDIS_URL,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT="1",  # nothing listens: notifications fail, are logged, and cost nothing
        DEFAULT_FROM_EMAIL="loadtest@example.org",
        # locust posts through "one proxy": the last X-Forwarded-For entry is the visitor.
        OCSEA_TRUSTED_PROXY_HOPS="1",
    )
    return env


def psql(sql, database="postgres", capture=False):
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAq", "-c", sql],
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout.strip() if capture else None


def manage(env, *args):
    print(f"-- manage.py {' '.join(args)}", flush=True)
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def practice_count(env):
    code = "import django; django.setup(); from practices.models import PracticePage as P; "
    code += "print(P.objects.count())"
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def prepare(env, practices, reuse):
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'", capture=True)
    if exists and not reuse:
        psql(f"DROP DATABASE {DATABASE}")
        exists = False
    if not exists:
        psql(f"CREATE DATABASE {DATABASE}")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "compile_translations")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if practice_count(env) == 0:
        manage(env, "load_content")
    synthetic = int(
        psql(
            "SELECT count(*) FROM wagtailcore_page WHERE title LIKE 'Synthetic practice%'",
            database=DATABASE,
            capture=True,
        )
    )
    missing = practices - synthetic
    if missing > 0:
        manage(env, "seed_synthetic_practices", "--count", str(missing))
    psql("ANALYZE", database=DATABASE)  # as autovacuum would after a bulk load


def flush_redis():
    with socket.create_connection(("127.0.0.1", 6379), timeout=5) as sock:
        sock.sendall(b"SELECT 14\r\nFLUSHDB\r\n")
        time.sleep(0.2)
        sock.recv(1024)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env, port, access_log):
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "ocsea.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--access-logfile",
            access_log,
            "--log-level",
            "warning",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def run_locust(port, users, duration, prefix):
    subprocess.run(
        [
            PYTHON,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{duration}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            prefix,
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        check=False,
    )


def report(prefix, access_log):
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    statuses = [int(m.group(1)) for m in re.finditer(r'" (\d{3}) ', Path(access_log).read_text())]
    server_errors = sum(status >= 500 for status in statuses)
    print(
        f"\n{'kind of request':<20} {'requests':>8} {'errors':>6} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    failures = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        failures += int(row["Failure Count"]) if name != "ALL" else 0
        print(
            f"{name:<20} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    print(f"\nresponses logged by gunicorn: {len(statuses)}, 5xx: {server_errors}")
    print(f"errors (failed requests): {failures}")
    failures_csv = Path(f"{prefix}_failures.csv")
    if failures and failures_csv.exists():
        print(failures_csv.read_text())
    return failures + server_errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--practices", type=int, default=10000)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    args = parser.parse_args()
    env = environment()
    prepare(env, args.practices, args.reuse)
    flush_redis()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ocsea-loadtest-") as directory:
        access_log = str(Path(directory) / "access.log")
        server = serve(env, port, access_log)
        try:
            print(f"-- locust: {args.users} users for {args.duration} s on 127.0.0.1:{port}")
            run_locust(port, args.users, args.duration, str(Path(directory) / "locust"))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        bad = report(str(Path(directory) / "locust"), access_log)
    flush_redis()
    if not args.reuse:
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
