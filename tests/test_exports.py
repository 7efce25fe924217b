"""Open data: /data/practices.* and /data/countries.* through real HTTP requests."""

import csv
import io
from decimal import Decimal

import pytest

from tests import factories

PRACTICE_FIELDS = [
    "title",
    "url",
    "summary",
    "countries",
    "lanzarote_articles",
    "budapest_articles",
    "capabilities",
    "themes",
    "tags",
    "target_groups",
    "organisations",
    "sources",
    "last_published_at",
]
COUNTRY_FIELDS = [
    "iso2",
    "name",
    "url",
    "enoc_membership",
    "icmec_csam_score",
    "icmec_grooming_score",
    "ncmec_reports_2019",
    "ncmec_reports_2020",
    "crin_access_to_justice_score",
    "minimum_age_criminal_responsibility",
    "age_of_consent",
    "practice_count",
]


@pytest.fixture
def content(site, taxonomy):
    t = taxonomy
    factories.country_page(site["countries"], t["IS"])
    factories.country_page(site["countries"], t["NO"])
    t["IS"].enoc_membership = "full"
    t["IS"].icmec_csam_score = Decimal("4")
    t["IS"].crin_access_to_justice_score = Decimal("162.5")
    t["IS"].ncmec_reports_2019 = 1951
    t["IS"].minimum_age_criminal_responsibility = "15"
    t["IS"].save()
    factories.practice(
        site["practices"],
        "Web Constables",
        countries=[t["NO"], t["IS"]],
        capabilities=[t["cap8"], t["cap5"]],
        themes=[t["awareness"]],
        articles=[t["b9"], t["l35"], t["l23"]],
        targets=[t["police"]],
        tags=["policing"],
        summary="Police officers answer questions online.",
    )
    factories.practice(site["practices"], "Draft", countries=[t["IS"]], live=False)
    return site


def test_practices_json_has_every_field_of_live_practices_only(client, content):
    rows = client.get("/data/practices.json").json()
    assert [row["title"] for row in rows] == ["Web Constables"]
    row = rows[0]
    assert list(row) == [*PRACTICE_FIELDS, "evidence"]  # the CSV leaves evidence out
    assert row["url"] == "/en/practices/web-constables/"
    assert row["countries"] == ["IS", "NO"]
    assert row["lanzarote_articles"] == [23, 35]
    assert row["budapest_articles"] == [9]
    assert row["capabilities"] == [5, 8]
    assert row["themes"] == ["education-awareness"]
    assert row["tags"] == ["policing"]
    assert row["target_groups"] == ["law-enforcement"]
    assert row["sources"] == ["https://example.org/source"]
    assert row["last_published_at"]


def test_practices_csv_joins_lists_with_semicolons(client, content):
    response = client.get("/data/practices.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == PRACTICE_FIELDS
    assert rows[0]["countries"] == "IS;NO"
    assert rows[0]["lanzarote_articles"] == "23;35"


def test_countries_json_has_indicators_nulls_and_practice_counts(client, content):
    rows = {row["iso2"]: row for row in client.get("/data/countries.json").json()}
    assert list(rows["IS"]) == COUNTRY_FIELDS
    iceland = rows["IS"]
    assert iceland["url"] == "/en/countries/is/"
    assert iceland["enoc_membership"] == "full"
    assert iceland["icmec_csam_score"] == 4
    assert iceland["crin_access_to_justice_score"] == 162.5
    assert iceland["ncmec_reports_2019"] == 1951
    assert iceland["minimum_age_criminal_responsibility"] == 15
    assert iceland["icmec_grooming_score"] is None
    assert iceland["age_of_consent"] is None
    assert iceland["practice_count"] == 1  # the draft does not count
    assert rows["SE"]["url"] is None and rows["SE"]["practice_count"] == 0


def test_countries_csv_leaves_missing_values_empty(client, content):
    rows = {
        r["iso2"]: r
        for r in csv.DictReader(io.StringIO(client.get("/data/countries.csv").content.decode()))
    }
    assert rows["IS"]["icmec_grooming_score"] == ""
    assert rows["IS"]["ncmec_reports_2019"] == "1951"


def test_unknown_export_format_is_a_404(client, db):
    assert client.get("/data/practices.xml").status_code == 404
    assert client.get("/data/countries.xml").status_code == 404
