"""sitemap.xml lists every live page of every language with its hreflang alternates."""

import xml.etree.ElementTree as ET

import pytest

from tests import factories
from tests.l10n import french_terms, french_tree, translate

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def bilingual(site, taxonomy):
    french_terms(taxonomy)
    french_tree(site)
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
    )
    translate(barnahus, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    factories.practice(site["practices"], "Web Constables", countries=[taxonomy["NO"]])
    factories.practice(site["practices"], "Draft", live=False)
    return site


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    urls = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        assert all(link.get("rel") == "alternate" for link in url.findall("xhtml:link", NS))
        urls[url.find("s:loc", NS).text] = alternates
        assert url.find("s:lastmod", NS) is not None
    return urls


def test_sitemap_lists_every_live_page_of_every_language(client, bilingual):
    urls = sitemap(client)
    base = "http://testserver"
    assert set(urls) == {
        f"{base}/en/",
        f"{base}/en/practices/",
        f"{base}/en/countries/",
        f"{base}/en/about-the-source/",
        f"{base}/en/recommendations/",
        f"{base}/en/practices/barnahus/",
        f"{base}/en/practices/web-constables/",
        f"{base}/fr/",
        f"{base}/fr/pratiques/",
        f"{base}/fr/pays/",
        f"{base}/fr/a-propos-de-la-source/",
        f"{base}/fr/recommandations/",
        f"{base}/fr/pratiques/maison-des-enfants/",
    }
    barnahus = {
        "en": f"{base}/en/practices/barnahus/",
        "fr": f"{base}/fr/pratiques/maison-des-enfants/",
        "x-default": f"{base}/en/practices/barnahus/",
    }
    assert urls[f"{base}/en/practices/barnahus/"] == barnahus
    assert urls[f"{base}/fr/pratiques/maison-des-enfants/"] == barnahus
    assert urls[f"{base}/fr/pratiques/"]["en"] == f"{base}/en/practices/"
    # A page with no translation has no alternates (its French URL is a noindex fallback).
    assert urls[f"{base}/en/practices/web-constables/"] == {}


def test_sitemap_alternates_match_the_pages_own_hreflang_links(client, bilingual):
    html = client.get("/fr/pratiques/maison-des-enfants/").content.decode()
    for code, href in sitemap(client)["http://testserver/en/practices/barnahus/"].items():
        assert f'<link rel="alternate" hreflang="{code}" href="{href}">' in html


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "User-agent: *" in lines
