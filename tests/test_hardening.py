"""Abuse resistance and graceful failure, through the test client (SQLite or PostgreSQL)."""

import logging
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.models import PracticePage
from submissions.models import Submission
from tests import factories
from tests.editorial_helpers import role_users

WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"


@pytest.fixture
def corpus(site, taxonomy):
    factories.country_page(site["countries"], taxonomy["IS"])
    factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        tags=["multi-agency"],
    )
    return site


def public_urls():
    """Every public URL of the test site, with a practice and a country page."""
    practice = PracticePage.objects.get(title="Barnahus")
    return [
        "/en/",
        "/en/practices/",
        practice.url,
        "/en/countries/",
        "/en/countries/is/",
        "/en/recommendations/",
        "/en/about-the-source/",
        "/en/suggest-a-practice/",
        "/practices/suggest/",
        "/data/practices.json",
        "/data/practices.csv",
        "/data/countries.json",
        "/data/countries.csv",
        "/healthz",
    ]


# --- Demo accounts -----------------------------------------------------------------------


def make_superuser(username, password):
    return get_user_model().objects.create_superuser(username, f"{username}@example.org", password)


@pytest.mark.django_db
def test_demo_accounts_are_refused_at_login_unless_allowed(settings):
    make_superuser("admin", "atlas-admin-demo")  # as a development database would hold it
    make_superuser("curator", "a-real-password-4821")
    settings.OCSEA_DEMO_ACCOUNTS_ALLOWED = False

    refused = Client().post(WAGTAIL_LOGIN, {"username": "admin", "password": "atlas-admin-demo"})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.wsgi_request.session
    refused = Client().post(DJANGO_LOGIN, {"username": "admin", "password": "atlas-admin-demo"})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.wsgi_request.session
    # Real accounts log in as usual.
    real = Client().post(WAGTAIL_LOGIN, {"username": "curator", "password": "a-real-password-4821"})
    assert real.status_code == 302

    settings.OCSEA_DEMO_ACCOUNTS_ALLOWED = True
    allowed = Client().post(WAGTAIL_LOGIN, {"username": "admin", "password": "atlas-admin-demo"})
    assert allowed.status_code == 302


# --- Login throttling (django-axes) ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", [WAGTAIL_LOGIN, DJANGO_LOGIN])
def test_five_failed_logins_lock_the_username_and_address_out(login_url):
    make_superuser("curator", "a-real-password-4821")
    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(4):
        failed = attacker.post(login_url, {"username": "curator", "password": "wrong"})
        assert failed.status_code == 200
    locked = attacker.post(login_url, {"username": "curator", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    # Even the right password is refused while locked out...
    right = attacker.post(login_url, {"username": "curator", "password": "a-real-password-4821"})
    assert right.status_code == 429
    assert "_auth_user_id" not in right.wsgi_request.session
    # ...from that address; the user logs in from elsewhere.
    elsewhere = Client(REMOTE_ADDR="198.51.100.3")
    ok = elsewhere.post(login_url, {"username": "curator", "password": "a-real-password-4821"})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_lockout_page_is_translated():
    make_superuser("curator", "a-real-password-4821")
    client = Client(REMOTE_ADDR="203.0.113.51", HTTP_ACCEPT_LANGUAGE="fr")
    for _ in range(5):
        response = client.post(WAGTAIL_LOGIN, {"username": "curator", "password": "wrong"})
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


# --- Forwarded addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "192.0.2.1"),  # direct: the header is the client's own words
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # one load balancer appended the client
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),  # CDN then load balancer
        (2, "198.51.100.1", "192.0.2.1"),  # too few entries: not through the proxies
    ],
)
def test_client_address_is_read_from_the_right(rf, settings, hops, forwarded, expected):
    from ocsea.core.clients import client_address

    settings.OCSEA_TRUSTED_PROXY_HOPS = hops
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_rate_limit_counts_atomically_under_concurrency(rf, settings):
    """20 threads take a slot at the same moment: exactly the limit get one."""
    import threading

    from submissions.views import take_submission_slot

    settings.OCSEA_SUBMISSIONS_RATE_LIMIT = 5
    barrier = threading.Barrier(20)
    results = []

    def post():
        request = rf.post("/en/suggest-a-practice/", REMOTE_ADDR="198.51.100.9")
        barrier.wait()
        results.append(take_submission_slot(request))

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 5


def test_rate_limit_falls_back_to_a_process_counter_when_the_cache_fails(rf, settings, caplog):
    from submissions.views import take_submission_slot

    settings.OCSEA_SUBMISSIONS_RATE_LIMIT = 2
    request = rf.post("/en/suggest-a-practice/", REMOTE_ADDR="198.51.100.10")
    with mock.patch.object(cache, "add", side_effect=ConnectionError("Redis is down")):
        assert [take_submission_slot(request) for _ in range(3)] == [True, True, False]
    assert "shared cache failed" in caplog.text


# --- Mail ------------------------------------------------------------------------------------


def suggestion():
    return {
        "title": "Online safety helpline",
        "description": "A national helpline for children harmed online.",
        "source_url": "https://example.org/helpline",
        "website": "",
    }


@pytest.mark.django_db
def test_mail_failure_never_fails_a_suggestion(
    client, site, caplog, django_capture_on_commit_callbacks
):
    role_users()  # a moderator with an address, so a mail is due
    with (
        mock.patch("submissions.notifications.send_mail", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
        caplog.at_level(logging.ERROR),
    ):
        response = client.post("/en/suggest-a-practice/", suggestion())
    assert response.status_code == 302
    assert Submission.objects.filter(title="Online safety helpline").exists()
    assert "Could not e-mail the moderators" in caplog.text


# --- Database and cache outages --------------------------------------------------------------


@pytest.mark.django_db
def test_database_outage_is_a_503_page_in_the_visitors_language(site):
    client = Client(raise_request_exception=False)
    outage = OperationalError("connection refused")
    with mock.patch("ocsea.core.models.HomePage.serve", side_effect=outage):
        english = client.get("/en/")
        french = client.get("/fr/")
    assert english.status_code == 503
    assert english["Retry-After"] == "30"
    assert "Temporarily unavailable" in english.content.decode()
    assert french.status_code == 503
    assert '<html lang="fr">' in french.content.decode()
    assert "Momentanément indisponible" in french.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_500(site):
    client = Client(raise_request_exception=False)
    with mock.patch("ocsea.core.models.HomePage.serve", side_effect=ValueError("a bug")):
        response = client.get("/en/")
    assert response.status_code == 500


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client):
    healthy = client.get("/healthz")
    assert healthy.status_code == 200
    assert healthy.json() == {"status": "ok", "database": "ok", "cache": "ok"}

    with mock.patch.object(cache, "set", side_effect=ConnectionError("Redis is down")):
        degraded = client.get("/healthz")
    assert degraded.status_code == 200  # the site still serves from the database
    assert degraded.json() == {"status": "degraded", "database": "ok", "cache": "error"}

    with mock.patch("ocsea.core.views.database_status", return_value="error"):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json()["database"] == "error"


# --- Headers ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_send_a_strict_policy_and_keep_the_other_headers(client, corpus):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert directives["object-src"] == "'none'"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_paths_get_the_admin_policy(client, site):
    client.force_login(make_superuser("curator", "a-real-password-4821"))
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self' 'unsafe-inline'" in policy  # Wagtail's admin needs it
    assert "unsafe-eval" not in policy and "default-src 'self'" in policy
    public = client.get("/en/")["Content-Security-Policy"]
    assert "script-src 'self';" in public + ";" and "unsafe-inline" not in public


# --- Invalid input ---------------------------------------------------------------------------

CONTROL = st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20)
NAMES = st.one_of(st.sampled_from(["q", "lang", "page", "country", "format", "x"]), CONTROL)
VALUES = st.one_of(st.sampled_from(["\x00", "ba\x00", "%00", "\x1b[31m", "ba"]), CONTROL)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=st.lists(st.tuples(NAMES, VALUES), min_size=1, max_size=4), index=st.integers(0, 13))
def test_no_parameter_makes_a_public_url_fail(client, corpus, pairs, index):
    url = public_urls()[index]
    response = client.get(f"{url}?{urlencode(pairs)}")
    assert response.status_code in (200, 302, 400, 404), (url, pairs, response.status_code)


@pytest.mark.django_db
def test_nul_bytes_are_ignored_in_parameters_and_refused_in_paths(client, corpus):
    suggestions = client.get("/practices/suggest/?q=ba&lang=%00")
    assert suggestions.status_code == 200
    assert [r["title"] for r in suggestions.json()["results"]] == ["Barnahus"]
    assert client.get("/en/practices/barnahus%00/").status_code == 400
    form = client.post("/en/suggest-a-practice/", {**suggestion(), "title": "Help\x00line"})
    assert form.status_code == 302
    assert Submission.objects.get().title == "Helpline"


# --- Listing cache -------------------------------------------------------------------------------


def listing_entries():
    return [key for key in cache._cache if "practices:listing:" in key]


@pytest.mark.django_db
def test_junk_parameters_share_one_listing_cache_entry(client, corpus, settings):
    settings.OCSEA_LISTING_CACHE_SECONDS = 600
    cache.clear()
    for number in range(20):
        response = client.get(f"/en/practices/?country=IS&utm_source=junk{number}&x{number}=1")
        assert response.status_code == 200
    client.get("/en/practices/?country=IS&country=IS&page=1")
    client.get("/en/practices/?country=IS&country=ZZ1")  # unknown values: one notice, one entry
    client.get("/en/practices/?country=IS&country=ZZ2")
    assert len(listing_entries()) == 2
    # The shared response does not echo the first visitor's junk in its links.
    cached = client.get("/en/practices/?country=IS&utm_source=other").content.decode()
    assert "junk0" not in cached and "x0=" not in cached
