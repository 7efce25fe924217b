"""Throwaway PostgreSQL, Redis and gunicorn servers for the fault tests.

Each server runs on a free loopback port in a temporary directory and is removed afterwards.
PostgreSQL's initdb and pg_ctl refuse to run as root, so as root they run as the ``postgres``
system user. Where the binaries are missing the fault tests skip, unless
``OCSEA_REQUIRE_SERVICES`` is set (CI), where they fail instead.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_BIN = Path(os.environ.get("OCSEA_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def require(condition, reason):
    """Skip (or, with OCSEA_REQUIRE_SERVICES, fail) when a server cannot be started here."""
    if condition:
        return
    if os.environ.get("OCSEA_REQUIRE_SERVICES"):
        pytest.fail(f"OCSEA_REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout=30, interval=0.2, what="a server"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"{what} did not come up within {timeout} s")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def as_postgres_user(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """A private PostgreSQL cluster (trust authentication, loopback only)."""

    def __init__(self):
        require((POSTGRES_BIN / "initdb").exists(), f"no PostgreSQL binaries in {POSTGRES_BIN}")
        if os.geteuid() == 0:
            require(shutil.which("runuser"), "running as root without runuser")
        self.directory = Path(tempfile.mkdtemp(prefix="ocsea-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self.port = free_port()
        self.run(
            POSTGRES_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )

    def run(self, *command):
        subprocess.run(
            as_postgres_user([str(part) for part in command]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/ocsea"

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1"
            f" -c unix_socket_directories={self.directory}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            POSTGRES_BIN / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.directory / "log",
            "-w",
            "start",
        )

    def create_database(self):
        self.run(
            POSTGRES_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "ocsea"
        )

    def stop(self):
        self.run(POSTGRES_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def processes(self):
        """The postmaster and every backend: all of them must pause for the server to hang."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(
            ["pgrep", "-P", str(postmaster)], capture_output=True, text=True
        ).stdout.split()
        return [postmaster, *map(int, children)]

    def pause(self):
        self.paused = self.processes()
        self.signal(self.paused, signal.SIGSTOP)

    def resume(self):
        self.signal(self.paused, signal.SIGCONT)
        self.paused = []

    @staticmethod
    def signal(pids, signum):
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # a backend that had just exited
                os.kill(pid, signum)

    def destroy(self):
        try:
            if (self.data / "postmaster.pid").exists():
                if getattr(self, "paused", None):
                    self.resume()
                self.run(POSTGRES_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


class RedisServer:
    """A private Redis with no persistence."""

    def __init__(self):
        require(Path(REDIS_SERVER).exists(), "no redis-server on this machine")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), what="Redis")

    def stop(self):
        if self.process:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)


def production_environment(database_url, redis_url, **overrides):
    """The environment a production app server gets (see .env.example), on loopback."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "OCSEA_", "DATABASE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ocsea.settings.production",
        DJANGO_SECRET_KEY="fault-tests-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(free_port()),  # nothing listens: every mail fails
        DEFAULT_FROM_EMAIL="atlas@example.org",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Gunicorn:
    """The production WSGI app, as deployed: gunicorn serving ocsea.wsgi."""

    def __init__(self, env, workers=1, log=None):
        self.port = free_port()
        self.log = log or tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="ocsea-gunicorn-", suffix=".log"
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ocsea.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(lambda: port_open(self.port), timeout=60, what="gunicorn")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


class Response:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, data=None, headers=None, timeout=20):
    """One HTTP request, timed; any status is returned, never raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with OPENER.open(request, timeout=timeout) as response:
            status, head, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, error.headers, error.read()
    return Response(status, head, body, time.monotonic() - started)
