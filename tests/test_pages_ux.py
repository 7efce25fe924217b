"""Every page: one title (never the site's name twice), a meta description, dates in the
visitor's language, English labels marked as English (issue 10)."""

import re

import pytest
from django.utils import translation
from wagtail.models import Page

from practices.models import PracticeSource
from tests import factories
from tests.l10n import french_tree, translate


@pytest.fixture
def atlas(site, taxonomy):
    french_tree(site)
    factories.country_page(site["countries"], taxonomy["IS"])
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["justice"]],
        tags=["multi-agency"],
        summary="Child-friendly interviews and therapy under one roof.",
    )
    barnahus.period_started = "1990s"
    barnahus.sources = [
        PracticeSource(url="https://example.org/a", label="Barnahus network", verified="April 2021")
    ]
    publish(barnahus)
    translate(
        barnahus,
        {
            "title": "Maison des enfants",
            "slug": "maison-des-enfants",
            "summary": "Auditions et thérapie sous un même toit.",
        },
    )
    return site


def publish(page):
    """Publish without the practice's own rules (the test practice carries few tags)."""
    Page.publish(page, page.save_revision())


PATHS = [
    "/en/",
    "/en/practices/",
    "/en/practices/barnahus/",
    "/en/countries/",
    "/en/countries/is/",
    "/en/recommendations/",
    "/en/about-the-source/",
    "/en/suggest-a-practice/",
    "/fr/",
    "/fr/pratiques/",
    "/fr/pratiques/maison-des-enfants/",
    "/en/no-such-page/",
]


def test_every_page_has_one_title_and_a_meta_description(client, atlas):
    for path in PATHS:
        html = client.get(path).content.decode()
        assert html.count("<title>") == 1, path
        description = re.search(r'<meta name="description" content="([^"]*)">', html)
        assert description and len(description.group(1)) > 20, path


def test_the_home_page_title_does_not_repeat_the_site_name(client, atlas):
    home = atlas["home"]
    home.title = "OCSEA Practice Atlas"
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert "<title>OCSEA Practice Atlas</title>" in html
    assert (
        "<title>Practices · OCSEA Practice Atlas</title>"
        in client.get("/en/practices/").content.decode()
    )


def test_a_practice_is_described_by_its_summary(client, atlas):
    html = client.get("/en/practices/barnahus/").content.decode()
    assert (
        '<meta name="description" content="Child-friendly interviews and therapy under one roof.">'
        in html
    )


def test_practice_headings_never_skip_a_level(client, atlas):
    barnahus = atlas["practices"].get_children().get(slug="barnahus").specific
    barnahus.body = [("list", {"heading": "Countries", "items": ["Iceland"]})]
    publish(barnahus)
    html = client.get("/en/practices/barnahus/").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_french_practice_pages_show_report_dates_in_french(client, atlas):
    html = client.get("/fr/pratiques/maison-des-enfants/").content.decode()
    assert "Depuis les années 1990" in html
    assert "lien vérifié en avril 2021" in html
    assert "April" not in html and "1990s" not in html
    # The source's label is the report's English.
    assert 'lang="en">Barnahus network</a>' in html
    english = client.get("/en/practices/barnahus/").content.decode()
    assert "Since the 1990s" in english and "link verified April 2021" in english


def test_report_dates_are_formatted_per_language():
    from ocsea.core.templatetags.atlas import report_date

    with translation.override("fr"):
        assert report_date("April 2021") == "avril 2021"
        assert report_date("1990s") == "les années 1990"
        assert report_date("2004") == "2004"
        assert report_date("Spring 2019") == "Spring 2019"
    with translation.override("en"):
        assert report_date("April 2021") == "April 2021"


def test_recommendations_have_no_repeated_landmarks(client, atlas):
    html = client.get("/en/recommendations/").content.decode()
    assert "<section" not in html.split("<main", 1)[1]


def test_related_practices_share_capability_and_country_first(client, site, taxonomy):
    t = taxonomy
    practices = site["practices"]
    factories.practice(
        practices, "Barnahus", countries=[t["IS"]], capabilities=[t["cap8"]], themes=[t["justice"]]
    )
    factories.practice(practices, "A same capability", capabilities=[t["cap8"]])
    factories.practice(practices, "B same country", countries=[t["IS"]])
    factories.practice(practices, "C same both", countries=[t["IS"]], capabilities=[t["cap8"]])
    factories.practice(practices, "D unrelated", countries=[t["NO"]], capabilities=[t["cap5"]])
    html = client.get("/en/practices/barnahus/").content.decode()
    section = html[html.index('id="related-heading"') :]
    titles = re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', section)
    assert titles == ["C same both", "A same capability", "B same country"]


def test_print_stylesheet_hides_navigation():
    from pathlib import Path

    css = (Path(__file__).parent.parent / "ocsea/static/css/site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules and ".site-footer" in print_rules
