"""The coverage matrix /<lang>/coverage/: every cell equals the listing's count for its filters."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests import factories


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    practices = site["practices"]
    factories.country_page(site["countries"], t["IS"])
    factories.country_page(site["countries"], t["NO"])
    factories.practice(
        practices,
        "Barnahus",
        countries=[t["IS"], t["NO"], t["SE"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["justice"], t["victims"]],
        articles=[t["l35"]],
        targets=[t["children"]],
    )
    factories.practice(
        practices,
        "Web Constables",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["awareness"]],
        articles=[t["l23"], t["b9"]],
        targets=[t["police"]],
    )
    factories.practice(
        practices,
        "Children's house network",
        countries=[t["NO"], t["IS"]],
        capabilities=[t["cap8"]],
        themes=[t["victims"]],
        articles=[t["l35"]],
        targets=[t["children"]],
    )
    factories.practice(
        practices, "StopItNow helpline", capabilities=[t["cap15"]], themes=[t["awareness"]]
    )
    factories.practice(practices, "Untagged note", countries=[t["SE"]])
    factories.practice(
        practices, "Draft practice", countries=[t["IS"]], capabilities=[t["cap15"]], live=False
    )
    return site


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listing_count(client, url):
    response = client.get(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()["count"]


def matrix_table(page):
    return page.select_one("table.coverage-table")


def cell_links(page):
    """Every link inside the matrix body and footer with its shown number."""
    table = matrix_table(page)
    links = []
    for link in table.select("tbody a, tfoot a"):
        if link["href"].startswith("/en/practices/") or link["href"].startswith("/fr/"):
            links.append((link["href"], int(link.find(string=True, recursive=False).strip())))
    return links


def rows(page):
    result = {}
    for tr in matrix_table(page).select("tbody tr"):
        label = tr.th.get_text(strip=True)
        result[label] = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
    return result


QUERIES = [
    "",
    "theme=victim-support",
    "theme=education-awareness&theme=victim-support",
    "target=children",
    "article=lanzarote-35",
    "view=articles",
    "view=articles&country=NO",
    "view=articles&theme=education-awareness",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_cell_equals_the_listing_count_for_its_filters(client, corpus, query):
    page = soup(client.get(f"/en/coverage/?{query}"))
    links = cell_links(page)
    assert links, "the matrix has linked cells"
    for href, shown in links:
        assert listing_count(client, href) == shown, href


def test_cells_count_live_practices_per_country_and_capability(client, corpus):
    table = rows(soup(client.get("/en/coverage/")))
    # columns: total, then capabilities 5, 8, 15
    assert table["Iceland"][:4] == [
        "2",
        "1 (Iceland, 5. Judiciary and Prosecutors)",
        "2 (Iceland, 8. End to end support)",
        "– gap",
    ]
    assert table["Norway"][0] == "3"
    assert table["Sweden"][0] == "2"  # the untagged practice counts in the total only
    assert table["Sweden"][3] == "– gap"


def test_narrowing_facets_use_the_listing_parameters(client, corpus):
    table = rows(soup(client.get("/en/coverage/?theme=education-awareness")))
    assert table["Norway"][0] == "1"
    assert table["Iceland"][0].startswith("–")
    link = soup(client.get("/en/coverage/?theme=education-awareness")).select_one(
        "tbody td.coverage-cell a"
    )
    assert parse_qs(urlsplit(link["href"]).query)["theme"] == ["education-awareness"]


def test_empty_cells_are_marked_as_gaps_in_text(client, corpus):
    page = soup(client.get("/en/coverage/"))
    gaps = page.select("tbody td.coverage-gap")
    assert gaps
    for gap in gaps:
        assert "gap" in gap.get_text() and "–" in gap.get_text()
        assert gap.find("a") is None


def test_rows_sort_by_name_total_and_capability_without_javascript(client, corpus):
    def order(query):
        return list(rows(soup(client.get(f"/en/coverage/?{query}"))))

    assert order("") == ["Iceland", "Norway", "Sweden"]
    assert order("sort=total") == ["Norway", "Iceland", "Sweden"]
    assert order("sort=cap-8") == ["Iceland", "Norway", "Sweden"]
    assert order("sort=cap-5") == ["Norway", "Iceland", "Sweden"]
    assert order("sort=cap-99")[0] == "Iceland"  # unknown sort: by name
    page = soup(client.get("/en/coverage/?sort=total&theme=victim-support"))
    header = page.select_one("thead th[aria-sort]")
    assert header.get_text(strip=True) == "Total" and header["aria-sort"] == "descending"
    sort_link = page.select_one("thead th.coverage-table__cap a")
    assert "theme=victim-support" in sort_link["href"] and "sort=cap-5" in sort_link["href"]


def test_table_markup_is_accessible(client, corpus):
    page = soup(client.get("/en/coverage/"))
    table = matrix_table(page)
    assert table.caption.get_text(strip=True)
    assert all(th.get("scope") == "col" for th in table.select("thead th"))
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    assert table.select_one("thead th.coverage-table__cap .visually-hidden").get_text() == (
        "5. Judiciary and Prosecutors"
    )
    assert page.find(style=True) is None and page.find("script") is None


def test_articles_view_crosses_treaty_articles_with_capabilities(client, corpus):
    page = soup(client.get("/en/coverage/?view=articles"))
    table = rows(page)
    assert table["Lanzarote Art. 35 – Interviews with the child"][0] == "2"
    assert "Budapest Art. 9 – Offences related to child pornography" in table
    current_view = page.select_one('.coverage-views [aria-current="page"]')
    assert current_view.get_text(strip=True).startswith("Treaty")


def test_csv_download_has_the_matrix_numbers(client, corpus):
    response = client.get("/en/coverage/", {"format": "csv", "theme": "victim-support"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    data = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_key = {row["key"]: row for row in data}
    assert list(data[0]) == [
        "key",
        "label",
        "total",
        "capability_5",
        "capability_8",
        "capability_15",
    ]
    assert by_key["IS"]["total"] == "2" and by_key["IS"]["capability_8"] == "2"
    assert by_key["SE"] == {
        "key": "SE",
        "label": "Sweden",
        "total": "1",
        "capability_5": "1",
        "capability_8": "1",
        "capability_15": "0",
    }


def test_unknown_values_give_a_notice_not_an_error(client, corpus):
    page = soup(client.get("/en/coverage/?theme=nope&view=nope&sort=<x>"))
    assert "not recognised" in page.get_text()
    assert "Iceland" in rows(page)


def test_french_matrix_counts_french_practices(client, corpus):
    # As the French listing does: untranslated practices count, unless "French only" is chosen.
    page = soup(client.get("/fr/coverage/"))
    assert page.html["lang"] == "fr"
    assert cell_links(page) == cell_links(soup(client.get("/en/coverage/")))
    only_french = soup(client.get("/fr/coverage/?translated=1"))
    assert not cell_links(only_french)  # no practice is translated into French here
