"""The listing for people using a keyboard, a phone or a screen reader (issue 10).

Browser tests run in Debian's Chromium; the HTTP tests check the markup that works without
JavaScript.
"""

import re
from pathlib import Path

import pytest

from tests import factories

MAX_TABS = 10


def many_countries():
    """Twenty countries, enough to make the country facet a long one."""
    names = [
        ("AT", "Austria"), ("BE", "Belgium"), ("CY", "Cyprus"), ("DK", "Denmark"),
        ("EE", "Estonia"), ("FI", "Finland"), ("FR", "France"), ("GE", "Georgia"),
        ("IS", "Iceland"), ("IE", "Ireland"), ("IT", "Italy"), ("LV", "Latvia"),
        ("LT", "Lithuania"), ("MT", "Malta"), ("NL", "Netherlands"), ("NO", "Norway"),
        ("PL", "Poland"), ("PT", "Portugal"), ("SE", "Sweden"), ("SI", "Slovenia"),
    ]  # fmt: skip
    return {iso: factories.country(iso, name) for iso, name in names}


def build_corpus():
    site = factories.build_site()
    countries = many_countries()
    cap5 = factories.capability(5, "Judiciary and Prosecutors")
    cap11 = factories.capability(11, "Child Helpline", domain="Victim")
    justice = factories.theme("child-friendly-justice", "Child-friendly justice")
    practices = site["practices"]
    factories.practice(
        practices,
        "Barnahus",
        countries=list(countries.values()),
        capabilities=[cap5],
        themes=[justice],
    )
    factories.practice(
        practices, "Web Constables", countries=[countries["LV"]], capabilities=[cap5, cap11]
    )
    factories.practice(practices, "Regional network", countries=[])
    factories.practice(
        practices,
        "Iceland and Norway helplines",
        countries=[countries["IS"], countries["NO"]],
        capabilities=[cap11],
    )
    for number in range(14):
        factories.practice(practices, f"Tagged practice {number:02d}", tags=[f"tag-{number:02d}"])
    return site, countries


# HTTP: the markup -------------------------------------------------------------------------


@pytest.fixture
def corpus(db):
    return build_corpus()


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_skip_to_results_link_comes_second(client, corpus):
    html = html_of(client, "/en/practices/")
    links = re.findall(r'<a class="skip-link" href="([^"]+)"', html)
    assert links == ["#main", "#results"]
    assert 'id="results" tabindex="-1"' in html


def test_long_facets_show_top_values_and_the_rest_behind_show_all(client, corpus):
    html = html_of(client, "/en/practices/")
    country = html[html.index('data-facet="country"') : html.index('data-facet="capability"')]
    top, more = country.split("data-facet-more", 1)
    # The most used countries come first (Iceland, Norway and Latvia have two practices).
    assert top.count('<li class="facet__option') == 8
    assert top.index("f-country-IS") < top.index("f-country-AT")
    assert "Show all 20" in more
    assert 'id="f-country-SI"' in more
    # Short facets are listed whole, with no "Show all".
    capability = html[html.index('data-facet="capability"') : html.index('data-facet="article"')]
    assert "data-facet-more" not in capability
    # No facet scrolls inside itself.
    css = (Path(__file__).parent.parent / "ocsea/static/css/site.css").read_text()
    assert "overflow-y" not in css


def test_selected_values_come_first_and_outside_show_all(client, corpus):
    html = html_of(client, "/en/practices/?country=SI")
    country = html[html.index('data-facet="country"') : html.index('data-facet="capability"')]
    top, more = country.split("data-facet-more", 1)
    assert top.index('id="f-country-SI"') < top.index('id="f-country-IS"')
    assert 'value="SI" checked' in top
    assert "f-country-SI" not in more


def test_tag_facet_lists_the_most_used_tags_first(client, corpus):
    html = html_of(client, "/en/practices/")
    tags = html[html.index('data-facet="tag"') :]
    top, more = tags.split("data-facet-more", 1)
    assert top.count('<li class="facet__option') == 8
    assert "Show all 14" in more


def test_filters_button_counts_selected_values(client, corpus):
    html = html_of(client, "/en/practices/?country=IS&capability=5")
    assert re.search(r'<summary class="filters__toggle">Filters \(2\)</summary>', html)


def test_relevance_is_the_default_order(client, corpus):
    html = html_of(client, "/en/practices/")
    # The first option needs no parameter: the form never sends sort=title by default.
    assert '<option value="" selected>Relevance</option>' in html
    assert '<option value="title">Title</option>' in html
    html = html_of(client, "/en/practices/?sort=title")
    assert '<option value="title" selected>Title</option>' in html


def test_query_ranks_the_title_match_first(client, db):
    site = factories.build_site()
    practices = site["practices"]
    factories.practice(
        practices,
        "Awareness campaign for parents",
        summary="Parents learn about online risks, grooming among them.",
    )
    factories.practice(
        practices,
        "Age verification guidance",
        summary="Platforms check ages. Grooming is mentioned once.",
    )
    factories.practice(
        practices,
        "Criminalising grooming in the criminal code",
        summary="Grooming of children online is a criminal offence: grooming is defined.",
    )
    for url in ["/en/practices/?q=grooming", "/en/practices/?q=grooming&sort="]:
        html = html_of(client, url)
        titles = re.findall(r'<h3 class="card__title"><a [^>]*>([^<]+)</a>', html)
        assert titles[0].startswith("Criminalising grooming"), titles
        assert len(titles) == 3


def test_cards_name_countries_and_capabilities(client, corpus):
    html = html_of(client, "/en/practices/?sort=title")
    cards = dict(
        re.findall(
            r'<h3 class="card__title"><a [^>]*>([^<]+)</a></h3>'
            r'.*?(<ul class="card__meta">.*?</ul>)',
            html,
            re.S,
        )
    )
    text = {title: re.sub(r"<[^>]+>|\s+", " ", meta).split() for title, meta in cards.items()}
    barnahus = " ".join(text["Barnahus"])
    assert "20 countries" in barnahus and "AT" not in barnahus
    assert "5 Judiciary and Prosecutors" in barnahus
    assert "Child-friendly justice" in barnahus
    constables = " ".join(text["Web Constables"])
    assert "Latvia" in constables and "5 Judiciary and Prosecutors, 11 Child Helpline" in constables
    assert "MNR 5" not in html
    assert "Iceland, Norway" in " ".join(text["Iceland and Norway helplines"])
    # No capability, no theme: no list item, so no dangling separator.
    assert cards["Regional network"].count("<li>") == 1
    assert "International or regional" in cards["Regional network"]


def test_language_switcher_keeps_the_query(client, corpus):
    from tests import l10n

    l10n.french_tree(corpus[0])
    html = html_of(client, "/en/practices/?country=IS&q=help")
    switch = re.search(r'<a href="([^"]+)" hreflang="fr"', html).group(1)
    assert switch.startswith("/fr/")
    assert "country=IS" in switch and "q=help" in switch


def test_practices_never_import_the_localisation_app():
    """localisation is a higher layer: it registers its fallback route in practices."""
    from practices.models import PracticeIndexPage

    paths = sorted((Path(__file__).parent.parent / "practices/models").glob("*.py"))
    assert paths
    for path in paths:
        models = path.read_text()
        assert "from localisation" not in models and "import localisation" not in models
    assert [route.__module__ for route in PracticeIndexPage.fallback_routes] == [
        "localisation.fallback"
    ]


def test_the_cache_key_knows_the_language_choice():
    from practices.caching import LISTING_PARAMETERS

    assert "translated" in LISTING_PARAMETERS


def test_a_facet_of_more_than_fifty_values_keeps_the_rest_out_of_the_page(client, db):
    """Issue 13: the tag vocabulary grows with the corpus, the listing page must not. The
    tag facet lists its top values; the rest come on demand, through a link that works
    without JavaScript and keeps the visitor's filters."""
    site = factories.build_site()
    factories.practice(site["practices"], "Tagged", tags=[f"tag-{n:02d}" for n in range(70)])
    factories.practice(site["practices"], "Popular", tags=["tag-69"])
    html = html_of(client, "/en/practices/?q=tagged")
    tags = html[html.index('data-facet="tag"') :]
    assert tags.count('<li class="facet__option') == 8
    assert 'id="f-tag-tag-69"' in tags  # the most used comes first
    assert 'id="f-tag-tag-00"' in tags and 'id="f-tag-tag-50"' not in tags
    link = re.search(r'<p class="facet__all"><a href="([^"]+)">Show all 70', tags).group(1)
    assert link.startswith("?") and "expand=tag" in link and "q=tagged" in link
    assert link.endswith("#facet-tag")

    expanded = html_of(client, "/en/practices/" + link.split("#")[0].replace("&amp;", "&"))
    tags = expanded[expanded.index('data-facet="tag"') :]
    assert tags.count('<li class="facet__option') == 70
    assert '<details class="facet__more" data-facet-more open>' in tags
    # Applying a filter from the long list keeps it open.
    assert '<input type="hidden" name="expand" value="tag">' in expanded
    # The one-page JSON always has every value.
    data = client.get("/en/practices/", HTTP_ACCEPT="application/json").json()
    assert len(data["facets"]["tag"]) == 70
