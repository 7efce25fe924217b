"""Wagtail API v2 at /api/v2/: pages, and practices filtered by the listing's keys."""

import pytest

from tests import factories
from tests.l10n import french_terms, french_tree, translate

PRACTICES = "/api/v2/pages/?type=practices.PracticePage"


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    index = site["practices"]
    factories.practice(
        index,
        "Barnahus",
        countries=[t["IS"], t["NO"], t["SE"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["justice"], t["victims"]],
        articles=[t["l35"]],
        tags=["therapy"],
        summary="Child-friendly interviews and therapy under one roof.",
    )
    factories.practice(
        index,
        "Web Constables",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["awareness"]],
        articles=[t["l23"], t["b9"]],
        summary="Police officers answer questions online.",
    )
    factories.practice(
        index,
        "StopItNow helpline",
        capabilities=[t["cap15"]],
        themes=[t["victims"]],
        summary="A helpline for people worried about their sexual thoughts.",
    )
    factories.practice(index, "Draft", countries=[t["NO"]], capabilities=[t["cap5"]], live=False)
    return site


def titles(client, query=""):
    response = client.get(f"{PRACTICES}&{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    return sorted(item["title"] for item in data["items"])


def listing_titles(client, query):
    data = client.get(f"/en/practices/?{query}", HTTP_ACCEPT="application/json").json()
    return sorted(result["title"] for result in data["results"])


def test_pages_endpoint_serves_live_pages(client, corpus):
    data = client.get("/api/v2/pages/").json()
    found = {item["title"] for item in data["items"]}
    assert {"Atlas", "Practices", "Countries", "Barnahus", "Web Constables"} <= found
    assert "Draft" not in found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Barnahus", "StopItNow helpline", "Web Constables"]),
        ("country=NO", ["Barnahus", "Web Constables"]),
        ("country=IS&country=NO", ["Barnahus", "Web Constables"]),
        ("country=IS,NO", ["Barnahus", "Web Constables"]),
        ("capability=5", ["Barnahus", "Web Constables"]),
        ("capability=8&capability=15", ["Barnahus", "StopItNow helpline"]),
        ("article=lanzarote-23", ["Web Constables"]),
        ("article=budapest-9&country=IS", []),
        ("theme=victim-support", ["Barnahus", "StopItNow helpline"]),
        ("theme=victim-support&capability=5&country=SE&article=lanzarote-35", ["Barnahus"]),
    ],
)
def test_practice_filters_use_the_listings_keys(client, corpus, query, expected):
    assert titles(client, query) == expected
    # The same keys give the same practices in the listing.
    assert listing_titles(client, query.replace("IS,NO", "IS&country=NO")) == expected


def test_search_combines_with_filters(client, corpus):
    assert titles(client, "search=helpline") == ["StopItNow helpline"]
    assert titles(client, "search=police") == ["Web Constables"]
    assert titles(client, "search=police&country=IS") == []
    assert titles(client, "search=therapy&capability=8") == ["Barnahus"]


def test_unknown_keys_and_parameters_are_bad_requests(client, corpus):
    response = client.get(f"{PRACTICES}&country=XX&capability=99")
    assert response.status_code == 400
    assert "unknown country key: XX" in response.json()["message"]
    assert client.get(f"{PRACTICES}&colour=red").status_code == 400


def test_practice_fields_show_stable_keys(client, corpus):
    fields = "summary,countries,capabilities,treaty_articles,themes,tags,sources,evidence"
    data = client.get(f"{PRACTICES}&country=IS&fields={fields}").json()
    [item] = data["items"]
    assert item["title"] == "Barnahus"
    assert item["meta"]["html_url"] == "http://testserver/en/practices/barnahus/"
    assert item["countries"] == ["IS", "NO", "SE"]
    assert item["capabilities"] == [5, 8]
    assert item["treaty_articles"] == ["lanzarote-35"]
    assert item["themes"] == ["child-friendly-justice", "victim-support"]
    assert item["tags"] == ["therapy"]
    assert item["sources"] == [
        {"label": "A source", "url": "https://example.org/source", "footnote": 1}
    ]
    assert {entry["key"] for entry in item["evidence"]} == {"5", "8"}
    detail = client.get(f"/api/v2/pages/{item['id']}/").json()
    assert detail["summary"] == "Child-friendly interviews and therapy under one roof."


def test_locale_filter_gives_a_languages_practices(client, site, taxonomy, corpus):
    french_terms(taxonomy)
    french_tree(site)
    barnahus = site["practices"].get_children().get(slug="barnahus").specific
    translate(barnahus, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    assert titles(client, "locale=fr") == ["Maison des enfants"]
    assert titles(client, "locale=fr&country=IS") == ["Maison des enfants"]
    assert titles(client, "locale=fr&country=IS&capability=15") == []


def test_the_api_answers_json_only_and_takes_no_basic_login(client, corpus):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Basic YWRtaW46YWRtaW4=")
    assert response.status_code == 200  # the header is ignored, not checked against users
