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
    data = client.get(link["href"] + "&format=json").json()
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
