"""Every page type and endpoint renders through real HTTP requests."""

from unittest import mock

import pytest
from django.db import DatabaseError

from tests import factories


@pytest.fixture
def content(site, taxonomy):
    country_page = factories.country_page(site["countries"], taxonomy["IS"])
    practice = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        articles=[taxonomy["l35"]],
        tags=["multi-agency"],
    )
    return {**site, "country_page": country_page, "practice": practice}


@pytest.mark.parametrize(
    "name",
    ["home", "practices", "countries", "about", "recommendations", "country_page", "practice"],
)
def test_every_page_type_renders(client, content, name):
    response = client.get(content[name].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<main" in html and 'class="skip-link"' in html
    assert content[name].title in html
    assert ' style="' not in html and "<script>" not in html


def test_practice_page_links_every_tag_to_the_filtered_listing(client, content):
    html = client.get(content["practice"].url).content.decode()
    for query in [
        "country=IS",
        "capability=8",
        "article=lanzarote-35",
        "theme=victim-support",
        "tag=multi-agency",
    ]:
        assert f'href="/en/practices/?{query}"' in html


def test_country_page_lists_its_practices_and_indicators(client, content):
    html = client.get(content["country_page"].url).content.decode()
    assert "Barnahus" in html
    assert "Not given in the report" in html


def test_pages_make_no_external_requests(client, content):
    html = client.get(content["home"].url).content.decode()
    for attribute in ('src="http', 'href="//', 'src="//'):
        assert attribute not in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html


def test_root_redirects_to_a_language(client, site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("ocsea.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


def test_unknown_page_is_a_404(client, site):
    assert client.get("/en/no-such-page/").status_code == 404
