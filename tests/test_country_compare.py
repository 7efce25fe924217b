"""Compare /<lang>/countries/compare/?c=..: 2 to 4 countries; 1 or 5 give a message."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from tests import factories


@pytest.fixture
def countries(site, taxonomy):
    t = taxonomy
    t["IS"].icmec_grooming_score = Decimal("4")
    t["IS"].ncmec_share_2020_percent = Decimal("0.00")
    t["IS"].save()
    t["NO"].icmec_grooming_score = Decimal("2")
    t["NO"].ncmec_share_2020_percent = Decimal("0.03")
    t["NO"].save()
    extra = [factories.country("DK", "Denmark"), factories.country("FI", "Finland")]
    for country in [t["IS"], t["NO"], t["SE"], *extra]:
        factories.country_page(site["countries"], country)
    practices = site["practices"]
    factories.practice(
        practices, "Barnahus", countries=[t["IS"], t["NO"]], capabilities=[t["cap5"]]
    )
    factories.practice(practices, "Web Constables", countries=[t["NO"]], capabilities=[t["cap5"]])
    return site


def get(client, query):
    response = client.get(f"/en/countries/compare/?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table(page, caption):
    for candidate in page.select("table"):
        if candidate.caption.get_text(strip=True) == caption:
            return candidate
    raise AssertionError(caption)


def test_one_country_gives_a_clear_message(client, countries):
    page = get(client, "c=IS")
    assert (
        "Choose at least 2 countries to compare (you chose 1)."
        in page.select_one('[role="alert"]').get_text()
    )
    assert page.select("table") == []
    assert page.select_one('select[name="c"] option[selected]')["value"] == "IS"


def test_no_country_shows_the_form(client, countries):
    page = get(client, "")
    assert "Choose at least 2" in page.get_text()
    assert len(page.select('form select[name="c"]')) == 4


def test_five_countries_give_a_clear_message(client, countries):
    page = get(client, "c=IS&c=NO&c=SE&c=DK&c=FI")
    assert "Choose at most 4 countries to compare (you chose 5)." in page.get_text()
    assert page.select("table") == []


def test_two_countries_side_by_side_with_differences_marked(client, countries):
    page = get(client, "c=is&c=NO&c=XX")
    assert "Not a member state in the atlas, ignored: XX" in page.get_text()
    indicators = table(page, "Indicators from the report")
    assert [th.get_text(strip=True) for th in indicators.select("thead th")] == [
        "Indicator",
        "Iceland",
        "Norway",
        "Source",
    ]
    rows = {tr.th.get_text(strip=True): tr for tr in indicators.select("tbody tr")}
    grooming = rows["ICMEC grooming legislation score (/5)"].find_all("td")
    assert grooming[0].get_text(" ", strip=True) == "4 out of 5 ▲ (highest)"
    assert "is-highest" in grooming[0]["class"]
    assert grooming[1].get_text(" ", strip=True) == "2 out of 5 ▼ (lowest)"
    share = rows["Share of global NCMEC reports, 2020 (%)"].find_all("td")
    assert share[0].get_text(" ", strip=True).startswith("< 0.01 %")
    practices = table(page, "Practices in the atlas by MNR capability")
    cap5 = practices.select("tbody tr")[0].find_all("td")
    assert [td.get_text(" ", strip=True) for td in cap5] == ["1 ▼ (lowest)", "2 ▲ (highest)"]
    assert cap5[1].a["href"] == "/en/practices/?country=NO&capability=5"
    assert client.get(cap5[1].a["href"], HTTP_ACCEPT="application/json").json()["count"] == 2


def test_four_countries_and_only_differing_rows(client, countries):
    page = get(client, "c=IS&c=NO&c=SE&c=DK")
    practices = table(page, "Practices in the atlas by MNR capability")
    assert len(practices.select("thead th")) == 5
    assert len(practices.select("tbody tr")) == 3
    page = get(client, "c=IS&c=NO&c=SE&c=DK&only=differences")
    practices = table(page, "Practices in the atlas by MNR capability")
    assert [tr.th.get_text(strip=True) for tr in practices.select("tbody tr")] == [
        "5. Judiciary and Prosecutors"
    ]


def test_every_country_page_offers_the_comparison(client, countries):
    response = client.get("/en/countries/se/")
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one('section[aria-labelledby="compare-heading"] form')
    assert form["action"] == "/en/countries/compare/"
    assert form.select_one("option[selected]")["value"] == "SE"
