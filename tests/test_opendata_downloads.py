"""Filtered downloads: a listing URL with format=csv or format=json gives its whole result set."""

import csv
import io
import json
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.test_exports import PRACTICE_FIELDS


@pytest.fixture
def corpus(site, taxonomy):
    """27 live practices, more than one listing page (20), and a draft."""
    t = taxonomy
    index = site["practices"]
    for number in range(25):
        factories.practice(
            index,
            f"Practice {number:02d}",
            countries=[t["IS"]] if number % 2 else [t["NO"], t["SE"]],
            capabilities=[t["cap5"]] if number % 3 else [t["cap8"], t["cap15"]],
            themes=[t["justice"] if number % 4 else t["awareness"]],
            articles=[t["l23"]] if number % 5 == 0 else [],
            tags=["helpline"] if number % 7 == 0 else [],
            summary=f"Summary {number}, about helplines." if number % 6 == 0 else None,
        )
    factories.practice(
        index, "Barnahus", countries=[t["IS"], t["NO"]], capabilities=[t["cap8"]], tags=["therapy"]
    )
    factories.practice(index, "Web Constables", countries=[t["NO"]], capabilities=[t["cap5"]])
    factories.practice(index, "Draft", countries=[t["NO"]], capabilities=[t["cap5"]], live=False)
    return site


def listing_urls(client, query):
    """Every result URL of the listing (the paginated JSON), page after page, in order."""
    first = client.get(f"/en/practices/?{query}", HTTP_ACCEPT="application/json").json()
    urls = []
    for number in range(1, first["num_pages"] + 1):
        data = client.get(
            f"/en/practices/?{query}&page={number}", HTTP_ACCEPT="application/json"
        ).json()
        urls += [result["url"] for result in data["results"]]
    assert len(urls) == first["count"]
    return urls


QUERIES = [
    "",
    "country=NO",
    "country=IS&capability=5",
    "country=IS&country=NO&capability=8&sort=-published",
    "theme=education-awareness&capability=8&capability=15",
    "article=lanzarote-23",
    "q=helplines",
    "q=helpline&sort=relevance",
    "tag=therapy&country=SE",  # no result
    "country=NO&page=2",  # the page does not matter: every page is downloaded
]


def test_downloads_equal_the_listings_whole_result_set(client, corpus):
    for query in QUERIES:
        check_downloads(client, query)


def check_downloads(client, query):
    expected = listing_urls(client, query)

    response = client.get(f"/en/practices/?{query}&format=json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    rows = response.json()
    assert [urlparse(row["url"]).path for row in rows] == expected
    assert all(row["url"].startswith("http://testserver/en/practices/") for row in rows)
    assert all(list(row) == [*PRACTICE_FIELDS, "evidence"] for row in rows)

    response = client.get(f"/en/practices/?{query}&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="practices-en.csv"' in response["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    assert reader.fieldnames == PRACTICE_FIELDS
    assert [urlparse(row["url"]).path for row in reader] == expected


def test_a_download_is_more_than_one_page(client, corpus):
    assert len(client.get("/en/practices/?format=json").json()) == 27
    assert len(listing_urls(client, "")) == 27


def test_download_rows_carry_the_practices_data(client, corpus):
    [row] = client.get("/en/practices/?tag=therapy&format=json").json()
    assert row["title"] == "Barnahus"
    assert row["url"] == "http://testserver/en/practices/barnahus/"
    assert row["countries"] == ["IS", "NO"]
    assert row["capabilities"] == [8]
    assert row["tags"] == ["therapy"]
    assert row["sources"] == ["https://example.org/source"]
    assert row["evidence"][0]["key"] == "8"
    csv_row = next(
        csv.DictReader(
            io.StringIO(client.get("/en/practices/?tag=therapy&format=csv").content.decode())
        )
    )
    assert csv_row["countries"] == "IS;NO"


def test_the_listing_links_its_downloads_and_they_are_cached_apart(client, corpus):
    html = client.get("/en/practices/?country=IS&capability=5&page=2").content.decode()
    assert "Download these 8 practices" in html
    assert 'href="?country=IS&amp;capability=5&amp;format=csv"' in html
    assert 'href="?country=IS&amp;capability=5&amp;format=json"' in html
    # Same filters, four answers: each is cached under its own key.
    url = "/en/practices/?country=IS&capability=5"
    for _round in range(2):
        assert "Download these 8 practices" in client.get(url).content.decode()
        assert len(json.loads(client.get(f"{url}&format=json").content)) == 8
        assert client.get(f"{url}&format=csv").content.decode().startswith("title,url,")
        assert client.get(url, HTTP_ACCEPT="application/json").json()["count"] == 8


def test_unknown_format_is_the_html_listing(client, corpus):
    response = client.get("/en/practices/?format=xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_download_and_feed_query_counts_do_not_grow_with_results(client, site, taxonomy, settings):
    settings.OCSEA_LISTING_CACHE_SECONDS = 0  # measure the pipeline, not the response cache
    t = taxonomy
    urls = [
        "/en/practices/?country=IS&format=csv",
        "/en/practices/?country=IS&format=json",
        "/en/practices/feed/?country=IS",
        # Searches, in relevance order: ranked as read, and ranked among a facet's practices.
        "/en/practices/?q=practice&format=csv",
        "/en/practices/?q=practice&country=IS&format=json",
    ]

    def add(count, offset):
        for number in range(count):
            factories.practice(
                site["practices"],
                f"Practice {offset + number}",
                countries=[t["IS"]],
                capabilities=[t["cap5"]],
                tags=[f"tag-{number}"],
            )

    def queries():
        counts = []
        for url in urls:
            client.get(url)  # the facet vocabulary is cached after the first request
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    add(3, 0)
    small = queries()
    add(30, 100)
    assert queries() == small
