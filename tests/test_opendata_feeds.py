"""Atom feeds of newly published practices, for the whole listing and any filtered listing."""

import datetime

import feedparser
import pytest
from django.utils import timezone
from wagtail.models import Page

from tests import factories


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    index = site["practices"]
    pages = {}
    for offset, (title, countries, capabilities) in enumerate(
        [
            ("Barnahus", [t["IS"], t["NO"]], [t["cap8"]]),
            ("Web Constables", [t["NO"]], [t["cap5"]]),
            ("StopItNow helpline", [], [t["cap15"]]),
            ("Icelandic courts", [t["IS"]], [t["cap5"]]),
        ]
    ):
        page = factories.practice(index, title, countries=countries, capabilities=capabilities)
        # Distinct publication dates, oldest first, so that the feed order is known.
        when = timezone.now() - datetime.timedelta(days=10 - offset)
        Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        pages[title] = page
    factories.practice(index, "Draft", countries=[t["NO"]], capabilities=[t["cap5"]], live=False)
    return pages


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_lists_live_practices_newest_first(client, corpus):
    feed = parse(client, "/en/practices/feed/")
    assert [entry.title for entry in feed.entries] == [
        "Icelandic courts",
        "StopItNow helpline",
        "Web Constables",
        "Barnahus",
    ]
    newest = feed.entries[0]
    assert newest.link == "http://testserver/en/practices/icelandic-courts/"
    assert newest.id == newest.link
    assert newest.summary == "Icelandic courts summary."
    assert {tag.term for tag in newest.tags} == {"IS", "MNR 5"}
    assert feed.feed.link == "http://testserver/en/practices/"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("country=NO", ["Web Constables", "Barnahus"]),
        ("country=IS&capability=5", ["Icelandic courts"]),
        (
            "capability=5&capability=8&sort=title&page=3",
            ["Icelandic courts", "Web Constables", "Barnahus"],
        ),
        ("country=SE", []),
        ("q=helpline", ["StopItNow helpline"]),
    ],
)
def test_every_filtered_listing_has_its_feed(client, corpus, query, titles):
    feed = parse(client, f"/en/practices/feed/?{query}")
    assert [entry.title for entry in feed.entries] == titles
    assert feed.feed.link.startswith("http://testserver/en/practices/")
    assert "page=" not in feed.feed.link and "sort=" not in feed.feed.link


def test_the_filtered_feed_title_names_its_filters(client, corpus):
    feed = parse(client, "/en/practices/feed/?country=NO&capability=5")
    assert "Country: Norway" in feed.feed.title
    assert "MNR capability: " in feed.feed.title


def test_the_listing_links_its_feed(client, corpus):
    html = client.get("/en/practices/?country=NO&capability=5&page=1&sort=title").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="New practices matching this listing (Atom feed)" '
        'href="/en/practices/feed/?country=NO&amp;capability=5">'
    ) in html
    assert (
        'href="/en/practices/feed/?country=NO&amp;capability=5" type="application/atom+xml">Follow'
        in html
    )


def test_other_feed_paths_are_wagtails(client, corpus):
    assert client.get("/en/countries/feed/").status_code == 404
    assert client.get("/en/nowhere/feed/").status_code == 404


def test_each_language_has_its_feed(client, site, taxonomy, corpus):
    from tests.l10n import french_terms, french_tree, translate

    french_terms(taxonomy)
    french_tree(site)
    barnahus = corpus["Barnahus"]
    barnahus.themes.set([taxonomy["victims"]])
    barnahus.save_revision().publish()
    translate(barnahus, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    # By default the French listing, and its feed, include practices not yet translated.
    feed = parse(client, "/fr/pratiques/feed/?country=NO")
    assert "Web Constables" in [entry.title for entry in feed.entries]
    feed = parse(client, "/fr/pratiques/feed/?country=NO&translated=1")
    assert [entry.title for entry in feed.entries] == ["Maison des enfants"]
    assert feed.entries[0].link == "http://testserver/fr/pratiques/maison-des-enfants/"
    assert feed.feed.title.startswith("Nouvelles pratiques")
    html = client.get("/fr/pratiques/?country=NO").content.decode()
    assert 'href="/fr/pratiques/feed/?country=NO"' in html
