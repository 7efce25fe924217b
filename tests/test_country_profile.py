"""Country pages: practices by capability, gaps with who already does it, recommendations."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from report.models import Recommendation
from tests import factories


@pytest.fixture
def profile(site, taxonomy):
    t = taxonomy
    factories.country_page(site["countries"], t["IS"])
    factories.country_page(site["countries"], t["NO"])
    practices = site["practices"]
    factories.practice(
        practices, "Barnahus", countries=[t["IS"], t["NO"]], capabilities=[t["cap5"], t["cap8"]]
    )
    factories.practice(practices, "Web Constables", countries=[t["NO"]], capabilities=[t["cap15"]])
    factories.practice(practices, "Icelandic note", countries=[t["IS"]])
    factories.practice(
        practices, "Draft", countries=[t["IS"]], capabilities=[t["cap15"]], live=False
    )
    recommendation = Recommendation.objects.create(
        key="offender-support",
        heading="Support for people at risk of offending",
        text="Member states should fund offender support.",
        source="Recommendations, p. 60",
        locale=Locale.get_default(),
    )
    recommendation.capabilities.set([t["cap15"]])
    recommendation.save()
    other = Recommendation.objects.create(
        key="judiciary",
        heading="Judiciary training",
        text="Train judges.",
        locale=Locale.get_default(),
    )
    other.capabilities.set([t["cap5"]])
    other.save()
    return site


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_practices_are_grouped_by_capability_with_listing_links(client, profile):
    page = get(client, "/en/countries/is/")
    groups = page.select(".profile-group")
    assert [g.h3.get_text(strip=True) for g in groups] == [
        "5. Judiciary and Prosecutors",
        "8. End to end support",
        "No MNR capability recorded",
    ]
    assert [a.get_text() for a in groups[0].select("li a")] == ["Barnahus"]
    assert [a.get_text() for a in groups[2].select("li a")] == ["Icelandic note"]
    link = groups[1].select("p a")[-1]
    assert link["href"] == "/en/practices/?country=IS&capability=8"
    assert "1 practice for 8. End to end support" in link.get_text()
    data = client.get(link["href"], HTTP_ACCEPT="application/json").json()
    assert data["count"] == 1


def test_capabilities_without_practice_link_to_other_countries(client, profile):
    page = get(client, "/en/countries/is/")
    gaps = page.select_one('section[aria-labelledby="gaps-heading"]')
    items = {li.get_text(" ", strip=True).split(":")[0]: li for li in gaps.select("li")}
    assert list(items) == ["15. Offender Support Systems"]
    link = items["15. Offender Support Systems"].a
    assert link["href"] == "/en/practices/?capability=15"
    assert "1 practice elsewhere" in link.get_text()  # the draft does not count


def test_recommendations_for_lacking_capabilities_only(client, profile):
    page = get(client, "/en/countries/is/")
    section = page.select_one('section[aria-labelledby="recommendations-heading"]')
    assert [h.get_text() for h in section.select("h3")] == [
        "Support for people at risk of offending"
    ]
    assert "15. Offender Support Systems" in section.get_text()
    norway = get(client, "/en/countries/no/")
    assert norway.select_one('section[aria-labelledby="recommendations-heading"]') is None


def test_country_index_counts_live_practices(client, profile):
    page = get(client, "/en/countries/")
    cells = {
        tr.th.get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in page.select("tbody tr")
    }
    assert cells == {"Iceland": "2", "Norway": "2"}


@pytest.fixture
def indicators(profile, taxonomy):
    from decimal import Decimal

    from countries.models import Indicator

    iceland = taxonomy["IS"]
    iceland.icmec_grooming_score = Decimal("4")
    iceland.ncmec_reports_2019 = 1951
    iceland.ncmec_reports_2020 = 4695
    iceland.ncmec_share_2019_percent = Decimal("0.00")
    iceland.ncmec_share_2020_percent = Decimal("0.02")
    iceland.ncmec_change_percent = Decimal("140.65")
    iceland.age_of_consent = "15"
    iceland.save()
    taxonomy["NO"].icmec_grooming_score = Decimal("4")
    taxonomy["NO"].save()
    taxonomy["SE"].icmec_grooming_score = Decimal("1")
    taxonomy["SE"].save()
    Indicator.objects.create(
        key="ncmec_change_percent",
        label="% Change 2019 - 2020",
        figure="Fig. 4",
        context=[
            {"kind": "coe_total", "value": 28.65, "where": "Fig. 4"},
            {"kind": "global_total", "value": 28.04, "where": "Fig. 4"},
        ],
    )
    Indicator.objects.create(
        key="ncmec_share_2019_percent", label="% of 2019", figure="Fig. 4", year=2019
    )
    Indicator.objects.create(
        key="icmec_grooming_score",
        label="ICMEC grooming",
        figure="Fig. 3",
        year=2021,
        source_url="https://www.icmec.org/",
    )
    return profile


def indicator_cells(page):
    table = page.select_one("table.indicator-table")
    return {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    }


def test_indicators_with_provenance_context_and_honest_shares(client, indicators):
    cells = indicator_cells(get(client, "/en/countries/is/"))
    share = cells["Share of global NCMEC reports, 2019 (%)"]
    assert share[0] == "< 0.01 %"
    assert share[2] == "NCMEC, Fig. 4, 2019"
    assert cells["Share of global NCMEC reports, 2020 (%)"][0] == "0.02 %"
    change = cells["Change in NCMEC reports 2019–2020 (%)"]
    assert change[0] == "+140.65 %"
    assert change[1] == (
        "Council of Europe member states, total: +28.65 % (Fig. 4) Global total: +28.04 % (Fig. 4)"
    )
    grooming = cells["ICMEC grooming legislation score (/5)"]
    assert grooming[0] == "4 out of 5"
    assert "4/5: 2 states (this country)" in grooming[1] and "1/5: 1 state" in grooming[1]
    assert grooming[2] == "ICMEC, Fig. 3, 2021"
    assert cells["NCMEC CyberTipline reports, 2019"][0] == "1,951"
    assert cells["ICMEC CSAM legislation score (/5)"][0] == "Not given in the report"


def test_ncmec_change_is_a_server_rendered_svg_chart(client, indicators):
    page = get(client, "/en/countries/is/")
    svg = page.select_one("figure.chart-figure svg")
    assert svg["role"] == "img"
    assert svg.title.get_text() == "NCMEC reports: 1,951 in 2019, 4,695 in 2020 (+140.65 %)"
    bars = svg.select("rect")
    assert [bar["class"] for bar in bars] == [["chart__bar--2019"], ["chart__bar--2020"]]
    assert float(bars[1]["width"]) > float(bars[0]["width"])
    assert page.find(style=True) is None
    assert get(client, "/en/countries/no/").select_one("figure.chart-figure") is None


def test_french_shares_and_numbers_follow_the_language(client, indicators):
    from countries.models import CountryPage
    from tests.l10n import french_tree, translate

    french_tree(indicators)
    translate(CountryPage.objects.get(country__iso2="IS"), {"title": "Islande", "slug": "islande"})
    cells = indicator_cells(get(client, "/fr/pays/islande/"))
    values = [row[0] for row in cells.values()]
    assert "< 0,01 %" in values
    assert "+140,65 %" in values
    assert "1\u202f951" in values or "1\xa0951" in values
    assert "4 sur 5" in values
    svg = get(client, "/fr/pays/islande/").select_one("figure.chart-figure svg")
    assert all("," not in rect["width"] for rect in svg.select("rect"))


def test_country_index_links_to_the_matrix_map_and_compare(client, profile):
    page = get(client, "/en/countries/")
    links = [a["href"] for a in page.select(".coverage-tools a")]
    assert links == ["/en/coverage/", "/en/map/", "#compare-heading"]
    assert page.select_one("#compare-heading + form")["action"] == "/en/countries/compare/"
    french = get(client, "/fr/map/")
    assert french.html["lang"] == "fr"
