"""The home page: what the atlas is, one search box, the featured practices, capabilities by
MNR domain with counts (issue 10)."""

import re

from tests import factories
from tests.l10n import french_tree


def test_home_features_the_report_highlights_and_groups_capabilities(client, site, taxonomy):
    t = taxonomy
    for title in ["StopItNow", "Barnahus", "Unrelated practice"]:  # slugs from the titles
        factories.practice(site["practices"], title, countries=[t["IS"]], capabilities=[t["cap8"]])
    french_tree(site)
    html = client.get("/en/").content.decode()
    assert html.count('role="search"') == 1
    assert "Search 3 practices" in html, re.findall(r"Search \d+ practic", html)
    featured = html[html.index('id="featured"') : html.index('id="by-capability"')]
    # In the report's order (Barnahus first), only those that exist, never others.
    assert re.findall(r'class="feature__title"><a [^>]*>([^<]+)</a>', featured) == [
        "Barnahus",
        "StopItNow",
    ]
    domains = html[html.index('id="by-capability"') : html.index('id="by-theme"')]
    titles = re.findall(r'<h3 class="domain__title">([^<]+)</h3>', domains)
    assert titles == ["Criminal Justice", "Victim", "Societal"]
    assert re.search(r'\?capability=8">8\. End to end support</a> <span class="count">3', domains)

    # In French, untranslated featured practices are shown in English, marked as such.
    french = client.get("/fr/").content.decode()
    featured = french[french.index('id="featured"') : french.index('id="by-capability"')]
    assert '<li class="feature" lang="en">' in featured
    assert 'href="/fr/pratiques/barnahus/"' in featured
    assert "Rechercher parmi 3 pratiques" in french
