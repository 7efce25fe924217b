"""The practice listing: facets, text search, sorting, pagination, JSON, suggestions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    practices = site["practices"]
    factories.practice(
        practices,
        "Barnahus",
        countries=[t["IS"], t["NO"], t["SE"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["justice"], t["victims"]],
        articles=[t["l35"]],
        targets=[t["children"]],
        tags=["multi-agency", "therapy"],
        summary="Child-friendly interviews and therapy under one roof.",
    )
    factories.practice(
        practices,
        "Web Constables",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["awareness"]],
        articles=[t["l23"], t["b9"]],
        targets=[t["police"]],
        tags=["policing"],
        summary="Police officers answer questions online.",
    )
    factories.practice(
        practices,
        "StopItNow helpline",
        countries=[],
        capabilities=[t["cap15"]],
        themes=[t["awareness"]],
        tags=["helpline"],
        summary="A confidential helpline for people worried about their thoughts.",
    )
    factories.practice(
        practices, "Draft practice", countries=[t["IS"]], capabilities=[t["cap8"]], live=False
    )
    return site


def listing(client, query=""):
    response = client.get(f"/en/practices/?{query}", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


def counts(data, facet):
    return {option["value"]: option["count"] for option in data["facets"][facet]}


def test_lists_live_practices_of_the_locale_sorted_by_title(client, corpus):
    data = listing(client)
    assert data["count"] == 3
    assert titles(data) == ["Barnahus", "StopItNow helpline", "Web Constables"]


def test_values_within_a_facet_combine_with_or(client, corpus):
    assert titles(listing(client, "country=IS")) == ["Barnahus"]
    assert titles(listing(client, "country=IS&country=NO")) == ["Barnahus", "Web Constables"]


def test_facets_combine_with_and(client, corpus):
    assert titles(listing(client, "country=NO&capability=8")) == ["Barnahus"]
    assert titles(listing(client, "country=NO&theme=education-awareness")) == ["Web Constables"]
    assert titles(listing(client, "country=IS&tag=policing")) == []


def test_counts_are_disjunctive(client, corpus):
    data = listing(client, "country=IS&theme=victim-support")
    # Selecting Iceland does not hide Norway's count: the country facet ignores its own selection.
    assert counts(data, "country") == {"IS": 1, "NO": 1, "SE": 1}
    # The theme facet is counted with the country selection applied, not its own.
    assert counts(data, "theme")["child-friendly-justice"] == 1
    assert counts(data, "theme")["education-awareness"] == 0
    selected = [o["value"] for o in data["facets"]["country"] if o["selected"]]
    assert selected == ["IS"]


def test_zero_count_values_stay_visible_and_marked(client, corpus):
    html = client.get("/en/practices/?country=IS").content.decode()
    assert 'id="f-capability-15"' in html
    assert "facet__option is-empty" in html


def test_every_facet_counts_and_groups_its_values(client, corpus):
    data = listing(client)
    assert set(data["facets"]) == {"country", "capability", "article", "theme", "target", "tag"}
    assert counts(data, "article") == {"lanzarote-23": 1, "lanzarote-35": 1, "budapest-9": 1}
    # Grouped by convention, Lanzarote first, then by article number.
    assert [o["value"] for o in data["facets"]["article"]] == [
        "lanzarote-23",
        "lanzarote-35",
        "budapest-9",
    ]
    assert counts(data, "capability") == {"5": 2, "8": 1, "15": 1}
    assert counts(data, "target") == {"children": 1, "law-enforcement": 1}
    assert counts(data, "tag")["multi-agency"] == 1
    option = data["facets"]["country"][0]
    assert set(option) == {"value", "label", "count", "selected"}


def test_json_shape(client, corpus):
    data = listing(client, "article=budapest-9")
    assert set(data) >= {"count", "page", "num_pages", "results", "facets"}
    assert data["count"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    assert data["results"][0] == {
        "title": "Web Constables",
        "url": "/en/practices/web-constables/",
        "summary": "Police officers answer questions online.",
        "countries": ["NO"],
        "capabilities": [5],
        "lanzarote_articles": [23],
        "budapest_articles": [9],
        "themes": ["education-awareness"],
    }


def test_accept_header_selects_json(client, corpus):
    response = client.get("/en/practices/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"


def test_text_search_combines_with_facets_and_ranks(client, corpus):
    assert titles(listing(client, "q=helpline")) == ["StopItNow helpline"]
    assert titles(listing(client, "q=police")) == ["Web Constables"]
    assert titles(listing(client, "q=police&country=IS")) == []
    # Tag names are searchable.
    assert titles(listing(client, "q=therapy&capability=8")) == ["Barnahus"]
    # Counts respect the text query too.
    assert counts(listing(client, "q=therapy"), "country") == {"IS": 1, "NO": 1, "SE": 1}


def test_every_word_of_the_query_must_match(client, corpus):
    assert titles(listing(client, "q=police+officers")) == ["Web Constables"]
    # No practice has both: the fallback shows those with some of the words (issue 14).
    data = listing(client, "q=police+therapy")
    assert sorted(titles(data)) == ["Barnahus", "Web Constables"]
    assert any("match some of the words" in notice for notice in data["notices"])


def test_matched_terms_are_highlighted(client, corpus):
    html = client.get("/en/practices/?q=therapy").content.decode()
    assert "<mark>therapy</mark>" in html


def test_sorting(client, corpus):
    assert titles(listing(client, "sort=title")) == [
        "Barnahus",
        "StopItNow helpline",
        "Web Constables",
    ]
    newest_first = titles(listing(client, "sort=-published"))
    assert newest_first[0] == "StopItNow helpline"
    unknown = listing(client, "sort=nonsense")
    assert titles(unknown) == ["Barnahus", "StopItNow helpline", "Web Constables"]
    assert unknown["notices"]


def test_pagination_edges(client, site, taxonomy):
    for number in range(23):
        factories.practice(site["practices"], f"Practice {number:02d}")
    first = listing(client)
    assert (first["count"], first["num_pages"], len(first["results"])) == (23, 2, 20)
    last = listing(client, "page=2")
    assert len(last["results"]) == 3
    assert listing(client, "page=99")["page"] == 2
    assert listing(client, "page=abc")["page"] == 1
    assert listing(client, "page=-1")["page"] == 1


def test_unknown_and_repeated_values_are_ignored_with_a_notice(client, corpus):
    data = listing(client, "country=XX&country=IS&country=IS&country=")
    assert titles(data) == ["Barnahus"]
    assert any("country" in notice for notice in data["notices"])
    html = client.get("/en/practices/?country=XX").content.decode()
    assert 'class="notice" role="status"' in html


def test_chips_remove_one_filter_and_clear_all(client, corpus):
    html = client.get("/en/practices/?country=IS&country=NO&q=police").content.decode()
    assert 'href="?country=NO&amp;q=police"' in html
    assert 'class="chip chip--clear" href="/en/practices/"' in html


def test_landing_urls_select_one_facet(client, corpus):
    html = client.get("/en/practices/?capability=15").content.decode()
    assert 'value="15" checked' in html
    assert "StopItNow helpline" in html and "Barnahus" not in html


def test_practices_redirects_to_the_visitors_language(client, corpus):
    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/practices/"


def test_suggest(client, corpus):
    response = client.get("/practices/suggest/?q=barn")
    assert response.json() == {"results": [{"title": "Barnahus", "url": "/en/practices/barnahus/"}]}
    # Word starts and tags match too; drafts never do.
    assert [r["title"] for r in client.get("/practices/suggest/?q=help").json()["results"]] == [
        "StopItNow helpline"
    ]
    assert client.get("/practices/suggest/?q=polic").json()["results"][0]["title"] == (
        "Web Constables"
    )
    assert client.get("/practices/suggest/?q=draft").json() == {"results": []}
    assert client.get("/practices/suggest/?q=b").json() == {"results": []}


def test_suggest_returns_at_most_ten(client, site, taxonomy):
    for number in range(12):
        factories.practice(site["practices"], f"Helpline {number:02d}")
    assert len(client.get("/practices/suggest/?q=help").json()["results"]) == 10


def _queries_for(client, url):
    client.get(url)  # the facet vocabulary is cached after the first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/en/practices/",
        "/en/practices/?country=IS&capability=5&theme=victim-support&article=lanzarote-35",
        "/en/practices/?q=practice&country=IS&tag=a",
        "/en/practices/?format=json&country=IS&country=NO&target=children",
    ],
)
def test_query_count_is_fixed_whatever_the_corpus_size(client, site, taxonomy, url, settings):
    settings.OCSEA_LISTING_CACHE_SECONDS = 0  # measure the pipeline, not the response cache
    t = taxonomy

    def add(count, offset):
        for number in range(count):
            factories.practice(
                site["practices"],
                f"Practice {offset + number}",
                countries=[t["IS"], t["NO"]],
                capabilities=[t["cap5"]],
                themes=[t["victims"]],
                articles=[t["l35"]],
                targets=[t["children"]],
                tags=["a", f"tag-{number}"],
            )

    add(3, 0)
    small = _queries_for(client, url)
    add(22, 100)
    large = _queries_for(client, url)
    assert small == large


def test_facet_vocabulary_follows_new_terms_and_tags(client, corpus, taxonomy):
    assert "IT" not in counts(listing(client), "country")
    factories.country("IT", "Italy")
    assert counts(listing(client), "country")["IT"] == 0
    factories.practice(corpus["practices"], "New practice", tags=["brand-new"])
    assert counts(listing(client), "tag")["brand-new"] == 1


def test_a_drafts_tags_stay_unpublished(client, corpus):
    factories.practice(corpus["practices"], "Unpublished", tags=["confidential-draft"], live=False)
    assert "confidential-draft" not in counts(listing(client), "tag")
    data = listing(client, "q=confidential+draftt")
    assert "confidential" not in str(data["suggestions"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_search_stems(client, corpus):
    assert titles(listing(client, "q=helplines")) == ["StopItNow helpline"]
    assert titles(listing(client, "q=constable")) == ["Web Constables"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="documents the SQLite default")
def test_sqlite_search_stems(client, corpus):
    """FTS5's porter tokenizer stems on SQLite too (search_tuning, README "Search")."""
    assert titles(listing(client, "q=helpline")) == ["StopItNow helpline"]
    assert titles(listing(client, "q=helplines")) == ["StopItNow helpline"]


def test_anonymous_listings_are_cached_until_a_practice_is_published(client, corpus, taxonomy):
    url = "/en/practices/?country=IS"
    with CaptureQueriesContext(connection) as uncached:
        client.get(url, HTTP_ACCEPT="application/json")
    with CaptureQueriesContext(connection) as cached:
        assert titles(client.get(url, HTTP_ACCEPT="application/json").json()) == ["Barnahus"]
    assert len(cached) < len(uncached) - 10
    factories.practice(
        corpus["practices"], "Another Icelandic practice", countries=[taxonomy["IS"]]
    )
    assert titles(client.get(url, HTTP_ACCEPT="application/json").json()) == [
        "Another Icelandic practice",
        "Barnahus",
    ]


def test_cached_responses_vary_on_language_and_format(client, corpus):
    response = client.get("/en/practices/")
    assert {"Accept", "Accept-Language", "Cookie"} <= {
        value.strip() for value in response["Vary"].split(",")
    }
    assert "public" in response["Cache-Control"]
    assert client.get("/en/practices/", HTTP_ACCEPT="application/json").json()["count"] == 3


def test_postgresql_connections_read_the_search_index_through_its_gin_indexes():
    """Issue 13: with PostgreSQL's default random_page_cost (4, for spinning disks), a search
    for a common word scanned the whole search index; the app's connections use 1.1."""
    from ocsea.settings.base import database_from_url

    options = database_from_url("postgres://postgres@127.0.0.1:5432/ocsea")["OPTIONS"]
    assert "-c random_page_cost=1.1" in options["options"]
    assert "-c statement_timeout=3000" in options["options"]
    assert "OPTIONS" not in database_from_url("sqlite:///:memory:")
