"""The member-state map /<lang>/map/: server-rendered SVG, one link per country, no data marked."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from country_coverage.mapping import INDICATORS, geometry
from tests import factories


@pytest.fixture
def states(site, taxonomy):
    t = taxonomy
    t["IS"].icmec_grooming_score = Decimal("4")
    t["IS"].icmec_csam_score = Decimal("5")
    t["IS"].ncmec_change_percent = Decimal("140.65")
    t["IS"].crin_access_to_justice_score = Decimal("162.5")
    t["IS"].age_of_consent = "15"
    t["IS"].save()
    t["NO"].icmec_grooming_score = Decimal("1")
    t["NO"].icmec_csam_score = Decimal("3")
    t["NO"].ncmec_change_percent = Decimal("-4.15")
    t["NO"].crin_access_to_justice_score = Decimal("200")
    t["NO"].age_of_consent = "16"
    t["NO"].save()
    factories.country_page(site["countries"], t["IS"])
    factories.country_page(site["countries"], t["NO"])
    factories.practice(site["practices"], "Barnahus", countries=[t["IS"], t["NO"]])
    factories.practice(site["practices"], "Web Constables", countries=[t["NO"]])
    return site


def get(client, query=""):
    response = client.get(f"/en/map/{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_geometry_covers_every_member_state_of_the_fixtures():
    import yaml
    from django.conf import settings

    data = yaml.safe_load((settings.BASE_DIR / "fixtures" / "countries.yaml").read_text())
    codes = {record["iso2"] for record in data["countries"]}
    assert len(codes) == 47
    assert codes == set(geometry()["countries"])


@pytest.mark.parametrize("indicator", [indicator.key for indicator in INDICATORS])
def test_every_indicator_has_data_and_no_data(client, states, indicator):
    page = get(client, f"?indicator={indicator}")
    svg = page.select_one("svg.map")
    links = svg.select("a.map-country")
    assert [link["aria-label"].split(":")[0] for link in links] == ["Iceland", "Norway"]
    assert all(link["href"].startswith("/en/countries/") for link in links)
    sweden = svg.select_one('g.map-country[aria-label^="Sweden"]')  # no country page
    if indicator == "practice_count":
        assert sweden["aria-label"] == "Sweden: 0"
    else:
        assert sweden["aria-label"] == "Sweden: no data"
        assert sweden.path["class"] == ["map-fill--nodata"]
    fills = {link.path["class"][0] for link in links}
    assert all(fill.startswith("map-fill--") and fill != "map-fill--nodata" for fill in fills)
    legend = [li.get_text(" ", strip=True) for li in page.select(".map-legend li")]
    assert legend[-1].startswith("no data")
    assert page.find(style=True) is None and page.find("script") is None


def test_values_are_in_accessible_names_labels_and_table(client, states):
    page = get(client, "?indicator=ncmec_change_percent")
    iceland = page.select_one('a.map-country[aria-label^="Iceland"]')
    assert iceland["aria-label"] == "Iceland: +140.65 %"
    assert iceland.title.get_text() == "Iceland: +140.65 %"
    assert "+141 %" in [text.get_text() for text in page.select("text.map-label")]
    rows = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in page.select("table.map-table tbody tr")
    ]
    assert rows == [["Iceland", "+140.65 %"], ["Norway", "−4.15 %"], ["Sweden", "no data"]]
    legend = [li.get_text(" ", strip=True) for li in page.select(".map-legend li")]
    assert legend[0] == "a decrease (1 state)"
    assert legend[-1] == "no data (1 state)"


def test_table_sorts_by_value_without_javascript(client, states):
    def order(query):
        page = get(client, query)
        return [tr.th.get_text(strip=True) for tr in page.select("table.map-table tbody tr")]

    assert order("?indicator=practice_count&sort=-value") == ["Norway", "Iceland", "Sweden"]
    assert order("?indicator=practice_count&sort=value") == ["Sweden", "Iceland", "Norway"]
    assert order("?indicator=age_of_consent&sort=-value") == ["Norway", "Iceland", "Sweden"]
    page = get(client, "?indicator=age_of_consent&sort=-value")
    assert page.select_one("table.map-table th[aria-sort]")["aria-sort"] == "descending"


def test_practice_count_matches_the_listing(client, states):
    page = get(client, "")
    norway = page.select_one('a.map-country[aria-label^="Norway"]')
    assert norway["aria-label"] == "Norway: 2"
    listing = client.get("/en/practices/?country=NO", HTTP_ACCEPT="application/json")
    assert listing.json()["count"] == 2


def test_unknown_indicator_gives_a_notice(client, states):
    page = get(client, "?indicator=<script>")
    assert "Unknown indicator ignored." in page.get_text()
    assert page.select_one("#map-heading").get_text() == "Practices in the atlas"


def test_french_map_keeps_svg_numbers_unlocalised(client, states):
    response = client.get("/fr/map/?indicator=ncmec_change_percent")
    page = BeautifulSoup(response.content, "html.parser")
    svg = page.select_one("svg.map")
    assert "," not in svg["viewbox"]
    assert all("," not in text["x"] for text in svg.select("text.map-label"))
    assert all("," not in circle["cx"] for circle in svg.select("circle"))
    assert "+140,65 %" in [td.get_text(strip=True) for td in page.select("table.map-table td")]


def test_language_switcher_keeps_the_view_and_its_query(client, states):
    page = get(client, "?indicator=age_of_consent&sort=-value")
    links = {a["hreflang"]: a["href"] for a in page.select(".language-switcher a")}
    assert links == {"fr": "/fr/map/?indicator=age_of_consent&sort=-value"}
    response = client.get("/fr/coverage/?theme=victim-support")
    french = BeautifulSoup(response.content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in french.select(".language-switcher a")}
    assert links == {"en": "/en/coverage/?theme=victim-support"}
