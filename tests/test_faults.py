"""The production stack with its dependencies stopped, paused or closed.

Real throwaway PostgreSQL and Redis servers (tests/services.py) and gunicorn serving the
production settings: every public URL must still answer (Redis down) or answer 503 quickly
with a friendly page (PostgreSQL down or hung), mail failures must not fail a suggestion,
and the site must recover by itself when the dependency returns.
"""

import concurrent.futures
import re
import subprocess
import sys
import time
import urllib.parse

import psycopg
import pytest

from ocsea.core.cache import RETRY_SECONDS
from tests.services import (
    ROOT,
    Gunicorn,
    PostgresServer,
    RedisServer,
    fetch,
    manage,
    production_environment,
    wait_until,
)

pytestmark = pytest.mark.faults

PUBLIC_URLS = [
    "/en/",
    "/fr/",
    "/en/practices/",
    "/en/practices/?country=IS&capability=8",
    "/en/practices/?q=barnahus",
    "/en/practices/barnahus/",
    "/en/countries/",
    "/en/countries/is/",
    "/en/recommendations/",
    "/en/about-the-source/",
    "/en/suggest-a-practice/",
    "/practices/suggest/?q=ba",
    "/data/practices.json",
    "/data/practices.csv",
    "/data/countries.json",
    "/data/countries.csv",
]
DEADLINE = 5.0
WORKERS = 2
RATE_LIMIT = 3

SEED = """
from tests import factories
from tests.editorial_helpers import role_users
site = factories.build_site()
iceland = factories.country("IS", "Iceland")
support = factories.capability(8, "End to end support", domain="Victim")
factories.country_page(site["countries"], iceland)
factories.practice(site["practices"], "Barnahus", countries=[iceland], capabilities=[support])
role_users()
"""


@pytest.fixture(scope="module")
def stack():
    postgres = PostgresServer()
    redis = RedisServer()
    server = None
    try:
        postgres.start()
        postgres.create_database()
        redis.start()
        # One proxy in front: X-Forwarded-For's last entry is the client (tests use their own).
        env = production_environment(
            postgres.url,
            redis.url,
            OCSEA_SUBMISSIONS_RATE_LIMIT=str(RATE_LIMIT),
            OCSEA_TRUSTED_PROXY_HOPS="1",
            # Listings cached before an outage are still served through it (practices.
            # middleware) until their entry expires; on a slow machine this module outlasts
            # the default 600 s, which made the outage tests depend on the clock.
            OCSEA_LISTING_CACHE_SECONDS="86400",
        )
        # Migrating and collecting static files are independent: run them side by side.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", SEED)
        assert collect.wait(timeout=600) == 0
        server = Gunicorn(env, workers=WORKERS)
        for path in PUBLIC_URLS * 2:  # both workers load their code and open a connection
            get_url(server, path)
        yield {"postgres": postgres, "redis": redis, "server": server}
    finally:
        if server:
            server.stop()
        redis.stop()
        postgres.destroy()


def get(stack, path, **kwargs):
    return get_url(stack["server"], path, **kwargs)


def get_url(server, path, **kwargs):
    return fetch(server.base + path, **kwargs)


def assert_all_served(stack, deadline=None):
    for path in PUBLIC_URLS:
        response = get(stack, path)
        assert response.status == 200, (path, response.status, response.text[:300])
        if deadline:
            assert response.seconds < deadline, (path, response.seconds)


# Anonymous listings the shared cache holds need no database (practices.middleware answers
# them before routing): they stay served through an outage, as a CDN's copy would. A listing
# never asked for before is unavailable like every other page.
CACHED_LISTINGS = [
    "/en/practices/",
    "/en/practices/?country=IS&capability=8",
    "/en/practices/?q=barnahus",
]
NEW_LISTING = "/en/practices/?country=NO&capability=5"


def assert_all_unavailable(stack):
    """Every public URL: 503 within the deadline, Retry-After, a page in the URL's language;
    listings already cached: still served, within the deadline."""
    for path in CACHED_LISTINGS:
        response = get(stack, path)
        assert response.status == 200, (path, response.status, response.text[:300])
        assert response.seconds < DEADLINE, (path, response.seconds)
    urls = [path for path in PUBLIC_URLS if path not in CACHED_LISTINGS]
    urls += [NEW_LISTING, "/healthz"]
    # As many at once as there are workers: a queued request would wait for another's answer.
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        responses = dict(zip(urls, pool.map(lambda path: get(stack, path), urls), strict=True))
    for path, response in responses.items():
        assert response.status == 503, (path, response.status, response.text[:300])
        assert response.seconds < DEADLINE, (path, response.seconds)
        if path != "/healthz":
            assert int(response.headers["Retry-After"]) > 0, path
    assert "Temporarily unavailable" in responses["/en/"].text
    french = responses["/fr/"].text
    assert '<html lang="fr">' in french and "Momentanément indisponible" in french
    assert '"database": "error"' in responses["/healthz"].text


def wait_until_served(stack, timeout=30):
    wait_until(lambda: get(stack, "/en/practices/").status == 200, timeout, what="the site")


def wait_until_the_cache_recovers(stack):
    """Redis answers again, and every worker has left its circuit breaker's pause.

    A worker skips Redis for ``RETRY_SECONDS`` after its last failure (ocsea.core.cache), and
    ``/healthz`` reaches only one worker: a listing served by another one meanwhile is not
    cached, and the next test would find it missing from the cache.
    """
    wait_until(lambda: '"cache": "ok"' in get(stack, "/healthz").text, what="the cache")
    time.sleep(RETRY_SECONDS)


def suggest(stack, title, forwarded_for="198.51.100.1"):
    """Post the suggestion form like a browser: its CSRF cookie and token, then the form."""
    form = get(stack, "/en/suggest-a-practice/")
    assert form.status == 200, form.text[:300]
    cookie = form.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "title": title,
            "description": "A practice suggested while a dependency was down.",
            "source_url": "https://example.org/practice",
            "website": "",
        }
    ).encode()
    return get(
        stack,
        "/en/suggest-a-practice/",
        data=data,
        headers={"Cookie": cookie, "X-Forwarded-For": forwarded_for},
    )


def submission_titles(stack):
    with psycopg.connect(stack["postgres"].url.replace("postgres://", "postgresql://")) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM submissions_submission")]


def test_everything_is_served_with_every_dependency_up(stack):
    assert_all_served(stack)
    health = get(stack, "/healthz")
    assert health.status == 200
    assert '"database": "ok"' in health.text and '"cache": "ok"' in health.text


def test_redis_down_pages_come_from_the_database_and_it_recovers(stack):
    redis = stack["redis"]
    redis.stop()
    try:
        assert_all_served(stack)
        health = get(stack, "/healthz")
        assert health.status == 200, "a cache outage must not take the app servers out"
        assert '"cache": "error"' in health.text and '"database": "ok"' in health.text
        # Suggestions are accepted, and the rate limit still holds (counted in process).
        statuses = [suggest(stack, f"Cache down {n}", "203.0.113.9").status for n in range(8)]
        assert RATE_LIMIT <= statuses.count(302) <= RATE_LIMIT * WORKERS, statuses
        assert 429 in statuses
        assert "Cache down 0" in submission_titles(stack)
        assert "Exception ignored" in stack["server"].output(), "cache errors must be logged"
    finally:
        redis.start()
    wait_until_the_cache_recovers(stack)
    assert_all_served(stack)


def test_redis_hung_pages_are_still_served(stack):
    redis = stack["redis"]
    redis.pause()
    try:
        assert_all_served(stack, deadline=DEADLINE)
    finally:
        redis.resume()
    wait_until_the_cache_recovers(stack)


def test_postgres_down_every_url_answers_503_then_recovers(stack):
    assert_all_served(stack)  # the listings are in the cache
    postgres = stack["postgres"]
    postgres.stop()
    try:
        assert_all_unavailable(stack)
    finally:
        postgres.start()
    wait_until_served(stack)
    assert_all_served(stack)


def test_postgres_hung_every_url_answers_503_within_the_deadline_then_recovers(stack):
    assert_all_served(stack)  # the app servers hold open connections when it hangs
    postgres = stack["postgres"]
    postgres.pause()
    try:
        assert_all_unavailable(stack)
    finally:
        postgres.resume()
    wait_until_served(stack)
    assert_all_served(stack)


def test_mail_down_the_suggestion_is_accepted_stored_and_logged(stack):
    # EMAIL_PORT points at a port where nothing listens (tests.services).
    response = suggest(stack, "Suggested while mail was down", "192.0.2.44")
    assert response.status == 302, response.text[:300]
    assert response.headers["Location"].endswith("/suggest-a-practice/thanks/")
    assert "Suggested while mail was down" in submission_titles(stack)
    assert "Could not e-mail the moderators" in stack["server"].output()


def test_rate_limit_holds_under_20_concurrent_posts_and_forged_addresses(stack):
    """20 posts at once from one client, each with a different forged address on the left."""

    def post(number):
        return suggest(stack, f"Concurrent {number}", f"10.{number}.0.1, 198.51.100.77").status

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(post, range(20)))
    assert statuses.count(302) == RATE_LIMIT, statuses
    assert statuses.count(429) == 20 - RATE_LIMIT, statuses
    assert len([t for t in submission_titles(stack) if t.startswith("Concurrent")]) == RATE_LIMIT
    # Another client (the proxy's last entry) is counted on its own.
    assert suggest(stack, "Another client", "10.0.0.1, 198.51.100.78").status == 302
