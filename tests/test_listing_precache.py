"""A repeated anonymous listing is served before Wagtail's page routing, with no query
(practices.middleware, issue 13)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from practices import listing
from practices.caching import LISTINGS
from tests import factories

# Headers that may differ between two identical responses.
VOLATILE = {"Date", "Expires"}


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    practices = site["practices"]
    factories.practice(
        practices,
        "Barnahus",
        countries=[t["IS"], t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["victims"]],
        tags=["therapy"],
        summary="Child-friendly interviews and therapy under one roof.",
    )
    factories.practice(practices, "Web Constables", countries=[t["NO"]], capabilities=[t["cap5"]])
    return site


@pytest.fixture
def routed(monkeypatch):
    """The requests that reached ``serve_listing`` (through Wagtail's routing)."""
    calls = []
    serve_listing = listing.serve_listing

    def spy(index_page, request):
        calls.append(request.get_full_path())
        return serve_listing(index_page, request)

    monkeypatch.setattr(listing, "serve_listing", spy)
    return calls


def headers(response):
    return {k: v for k, v in response.headers.items() if k not in VOLATILE}


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(
    "url, extra",
    [
        ("/en/practices/", {}),
        ("/en/practices/?country=NO&capability=5", {}),
        ("/en/practices/?country=NO", {"HTTP_ACCEPT": "application/json"}),
        ("/en/practices/?format=json&q=therapy", {}),
        ("/en/practices/?page=2", {}),
        ("/fr/practices/", {}),
    ],
)
def test_a_repeated_anonymous_listing_makes_no_query(client, corpus, url, extra):
    first, first_queries = get(client, url, **extra)
    again, queries = get(client, url, **extra)
    assert first_queries > 5
    assert queries == 0
    assert again.content == first.content
    assert headers(again) == headers(first)
    assert "public" in again["Cache-Control"]
    assert {"Accept", "Accept-Language", "Cookie"} <= {
        value.strip() for value in again["Vary"].split(",")
    }


def test_formats_and_languages_keep_their_own_entries(client, corpus):
    html, _ = get(client, "/en/practices/?country=NO")
    json, _ = get(client, "/en/practices/?country=NO", HTTP_ACCEPT="application/json")
    french, _ = get(client, "/fr/practices/?country=NO")
    html_again, queries = get(client, "/en/practices/?country=NO")
    assert queries == 0
    assert html_again.content == html.content
    json_again, queries = get(client, "/en/practices/?country=NO", HTTP_ACCEPT="application/json")
    assert queries == 0
    assert json_again.json() == json.json()
    assert json_again["Content-Type"] == "application/json"
    french_again, queries = get(client, "/fr/practices/?country=NO")
    assert queries == 0
    assert french_again.content == french.content != html.content


def test_junk_and_reordered_parameters_share_the_entry(client, corpus):
    first, _ = get(client, "/en/practices/?country=NO&capability=5")
    again, queries = get(client, "/en/practices/?utm_source=x&capability=5&country=NO&country=NO")
    assert queries == 0
    assert again.content == first.content
    assert b"utm_source" not in again.content


def test_logged_in_users_are_never_served_the_anonymous_page(client, corpus, django_user_model):
    url = "/en/practices/"
    get(client, url)
    _, queries = get(client, url)
    assert queries == 0
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    response, queries = get(client, url)
    assert queries > 5
    assert "public" not in response.get("Cache-Control", "")


def test_a_publication_makes_the_next_request_fresh(client, corpus, taxonomy):
    url = "/en/practices/?country=IS"
    first, _ = get(client, url, HTTP_ACCEPT="application/json")
    assert [r["title"] for r in first.json()["results"]] == ["Barnahus"]
    generation = LISTINGS.current()
    factories.practice(corpus["practices"], "Icelandic helpline", countries=[taxonomy["IS"]])
    assert LISTINGS.current() != generation
    fresh, queries = get(client, url, HTTP_ACCEPT="application/json")
    assert queries > 5
    assert [r["title"] for r in fresh.json()["results"]] == ["Barnahus", "Icelandic helpline"]
    again, queries = get(client, url, HTTP_ACCEPT="application/json")
    assert queries == 0
    assert again.json() == fresh.json()


def test_other_paths_are_routed_as_before(client, corpus):
    get(client, "/en/practices/")
    barnahus = corpus["practices"].get_children().get(title="Barnahus")
    get(client, barnahus.url)
    page, queries = get(client, barnahus.url)
    assert queries > 0
    assert [t.name for t in page.templates][0] == "practices/practice_page.html"
    response = client.get("/en/practices/no-such-practice/")
    assert response.status_code == 404


def test_a_restricted_index_page_is_always_routed(client, corpus):
    restriction = PageViewRestriction.objects.create(
        page=corpus["practices"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    LISTINGS.bump()
    url = "/en/practices/"
    password = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, corpus["practices"].pk]
    )
    client.post(password, {"password": "s3cret", "return_url": url})
    # The visitor who gave the password sees the listing (an anonymous, cacheable response)...
    assert b"Barnahus" in client.get(url).content
    assert b"Barnahus" in client.get(url).content
    # ...and a visitor who did not is still asked for it.
    for _ in range(2):
        response = Client().get(url)
        assert b"Barnahus" not in response.content
        assert b"password" in response.content.lower()


def test_a_session_cookie_is_routed(client, corpus, routed):
    url = "/en/practices/"
    get(client, url)
    get(client, url)
    assert routed == [url]
    client.cookies["sessionid"] = "not-a-session"
    get(client, url)
    assert routed == [url, url]


def test_without_the_vocabulary_in_the_cache_the_request_is_routed(client, corpus, routed):
    url = "/en/practices/?country=NO"
    first, _ = get(client, url)
    vocabulary = [key for key in cache._cache if "facet-vocabulary" in key]  # locmem's keys
    assert vocabulary
    cache.delete_many([key.split(":", 2)[2] for key in vocabulary])
    again, queries = get(client, url)
    assert routed == [url, url]
    assert again.content == first.content
    _, queries = get(client, url)
    assert queries == 0
    assert routed == [url, url]
