"""Absolute URLs come from one configured base URL, else the request; never localhost."""

import re

import pytest
from django.core import mail

from tests import factories
from tests.l10n import french_tree, translate
from tests.test_submissions import valid_data


@pytest.fixture
def bilingual(site, taxonomy):
    french_tree(site)
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["justice"]],
        tags=["multi-agency"],
    )
    translate(barnahus, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    return site


def absolute_links(html):
    return re.findall(r'href="(https?://[^"]+)"', html.split("<body", 1)[0])


def test_links_use_the_configured_base_url(client, bilingual, settings):
    settings.OCSEA_BASE_URL = "https://atlas.example.org"
    for path in ["/en/practices/barnahus/", "/fr/pratiques/maison-des-enfants/", "/en/"]:
        links = absolute_links(client.get(path).content.decode())
        assert links, path
        assert all(link.startswith("https://atlas.example.org/") for link in links), links


def test_open_data_links_use_the_configured_base_url(client, bilingual, settings):
    """Feeds, the data package, robots.txt, citations and the API name the site by its base URL,
    not by the host a request came in through (an app server behind the proxy)."""
    settings.OCSEA_BASE_URL = "https://atlas.example.org"
    urls = re.compile(r"https?://[^\s\"'<>]+")
    for path in [
        "/en/practices/feed/",
        "/data/datapackage.json",
        "/robots.txt",
        "/sitemap.xml",
        "/en/practices/barnahus/cite.bib",
        "/api/v2/pages/?type=practices.PracticePage",
    ]:
        body = client.get(path).content.decode()
        own = [url for url in urls.findall(body) if "testserver" in url or "localhost" in url]
        assert own == [], path
        assert "https://atlas.example.org/" in body, path


def test_without_a_base_url_links_use_the_requested_host(client, bilingual, settings):
    settings.OCSEA_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["atlas.test"]
    response = client.get("/en/practices/barnahus/", HTTP_HOST="atlas.test")
    assert response.status_code == 200
    html = response.content.decode()
    links = absolute_links(html)
    assert links and all(link.startswith("http://atlas.test/") for link in links), links
    assert "localhost" not in html


def test_notification_links_use_the_base_url(
    client, site, taxonomy, settings, django_capture_on_commit_callbacks
):
    from tests.editorial_helpers import role_users

    role_users()
    settings.OCSEA_BASE_URL = "https://atlas.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/suggest-a-practice/", valid_data(taxonomy))
    assert mail.outbox
    body = mail.outbox[0].body
    assert "https://atlas.example.org/admin/submissions/" in body
    assert "localhost" not in body and "127.0.0.1" not in body


def test_example_environment_names_the_base_url():
    from pathlib import Path

    example = (Path(__file__).parent.parent / ".env.example").read_text()
    assert "\nOCSEA_BASE_URL=https://" in example


def test_admin_makes_no_gravatar_request(settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
