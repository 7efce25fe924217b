"""/data/datapackage.json describes the site's CSVs; frictionless validates them together."""

import json

import frictionless
import pytest

from opendata.datapackage import RESOURCES
from tests import factories


@pytest.fixture
def content(site, taxonomy):
    t = taxonomy
    factories.country_page(site["countries"], t["IS"])
    t["IS"].icmec_csam_score = 4
    t["IS"].ncmec_reports_2019 = 1951
    t["IS"].minimum_age_criminal_responsibility = "15"
    t["IS"].age_of_consent = "15 (18 for some acts)"
    t["IS"].save()
    factories.practice(
        site["practices"],
        "Barnahus",
        countries=[t["IS"], t["NO"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["victims"]],
        articles=[t["l23"], t["b9"]],
        targets=[t["children"]],
        tags=["therapy", "multi-agency"],
    )
    factories.practice(
        site["practices"], "Helpline", capabilities=[t["cap15"]], themes=[t["awareness"]]
    )
    return site


def download(client, tmp_path):
    descriptor = client.get("/data/datapackage.json")
    assert descriptor.status_code == 200
    (tmp_path / "datapackage.json").write_bytes(descriptor.content)
    package = json.loads(descriptor.content)
    for resource in package["resources"]:
        response = client.get(f"/data/{resource['path']}")
        assert response.status_code == 200
        (tmp_path / resource["path"]).write_bytes(response.content)
    return package


def test_the_package_and_its_csvs_are_valid(client, content, tmp_path):
    package = download(client, tmp_path)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "fieldName", "rowNumber", "note"])
    # Every resource was read: the rows are the exports' rows.
    assert [task.stats["rows"] for task in report.tasks] == [
        2,
        3,
        3,
    ]  # 3 countries; one quote per capability
    assert [r["path"] for r in package["resources"]] == [
        "practices.csv",
        "countries.csv",
        "practice-evidence.csv",
    ]


def test_the_package_reads_typed_values(client, content, tmp_path):
    download(client, tmp_path)
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    practices = {row["title"]: row for row in package.get_resource("practices").read_rows()}
    assert practices["Barnahus"]["capabilities"] == [5, 8]
    assert practices["Barnahus"]["countries"] == ["IS", "NO"]
    assert practices["Barnahus"]["lanzarote_articles"] == [23]
    assert practices["Helpline"]["countries"] is None
    countries = {row["iso2"]: row for row in package.get_resource("countries").read_rows()}
    assert countries["IS"]["ncmec_reports_2019"] == 1951
    assert countries["IS"]["practice_count"] == 1
    assert countries["IS"]["age_of_consent"] == "15 (18 for some acts)"


def test_a_broken_csv_fails_validation(client, content, tmp_path):
    """The test can fail: a non-number in an integer column is reported."""
    download(client, tmp_path)
    path = tmp_path / "countries.csv"
    path.write_text(path.read_text().replace(",1951,", ",many,"))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "type-error" in {error.type for error in report.tasks[1].errors}


def test_licence_and_source_citation(client, db, settings):
    package = client.get("/data/datapackage.json").json()
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    [source] = package["sources"]
    assert source["title"].startswith("Council of Europe (2021). Baseline mapping report")
    assert source["publisher"] == "Council of Europe"
    settings.OCSEA_OPEN_DATA_LICENSE = "CC0-1.0"
    assert client.get("/data/datapackage.json").json()["licenses"][0]["name"] == "CC0-1.0"


def test_every_exported_column_is_described():
    for name, _path, _title, _description, fields, columns, _key in RESOURCES:
        assert [field["name"] for field in fields] == columns, name
        assert all(field["description"] for field in fields), name
