"""The practice fixtures' tag evidence, checked against the report (issue 9).

Every capability and treaty article of every practice in ``fixtures/practices/`` rests on a
short quote: from the report (found in its text once whitespace is collapsed and line-end
hyphenation joined), or from one of the practice's own sources, named by its label. And a
practitioner who filters the loaded atlas by capability 7, 10, 11, 12, 16 or 17 finds the
practices the report ties to it.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from practices.evidence import (
    QUOTE_MAX_LENGTH,
    REPORT,
    normalise_report_text,
    record_evidence_problems,
    record_tags,
    report_text,
)

PRACTICE_FILES = sorted((Path(settings.OCSEA_FIXTURES_DIR) / "practices").glob("*.yaml"))

# The practices that filtering by a capability must find (issue 9, "Re-tag all practices").
CAPABILITY_PRACTICES = {
    7: {"interpol-icse-database"},
    10: {"financial-compensation-child-victims"},
    11: {
        "alo-116-albania",
        "georgia-111-hotline",
        "child-helpline-international",
        "chi-iwf-ocsea-elearning-helplines",
        "ifs-emmaus-bosnia-herzegovina",
    },
    12: {
        "inhope-hotline-network",
        "iwf-international-reporting-portals",
        "net-patrola-serbia",
        "dyzurnet-structured-office-duties",
        "inhope-hotline-status-database",
        "ifs-emmaus-bosnia-herzegovina",
        "legal-duty-to-report-child-sexual-abuse",
        "ukraine-reporting-portal",
        "romania-esc-abuz-hotline-report",
    },
    16: {
        "iwf-international-reporting-portals",
        "inhope-hotline-status-database",
        "telenor-interpol-csam-blocking",
        "isp-csam-url-lists-iwol-iwf",
        "tirana-friendly-wifi",
    },
    17: {"ncmec-cybertipline-referrals", "photodna-hash-matching-known-csam"},
}


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return report_text()


def test_the_report_travels_with_the_repository(report):
    """The copy in fixtures/source/ is the whole report (3,902 lines), so CI can check quotes."""
    path = Path(settings.OCSEA_FIXTURES_DIR) / "source" / "coe-ocsea-baseline-mapping-2021.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 3902  # as `wc -l` counts it: "l.1234" in the issues is line 1234
    lines = text.split("\n")
    assert lines[0].strip() == "Foreword"
    assert "Industry CSEA Reporting:" in lines[3135]


def test_normalising_joins_line_end_hyphens_and_collapses_whitespace():
    assert normalise_report_text("child-\nfriendly  justice\n\n for  all") == (
        "child-friendly justice for all"
    )
    assert normalise_report_text("multi-  \n  disciplinary") == "multi-disciplinary"


@pytest.mark.parametrize("path", PRACTICE_FILES, ids=lambda path: path.stem)
def test_every_tag_has_evidence_quoted_exactly(path, report):
    """Each capability and article has an entry; every entry names a carried tag, quotes at
    most 300 characters, says where, and quotes the report exactly (or names a source)."""
    assert record_evidence_problems(read(path), report) == []


@pytest.mark.parametrize("path", PRACTICE_FILES, ids=lambda path: path.stem)
def test_fixture_is_dated_as_checked_against_the_report(path):
    record = read(path)
    assert "last_reviewed" not in record, "renamed checked_against_report (issue 9)"
    assert record.get("checked_against_report") is not None


def test_the_checks_catch_each_kind_of_problem(report):
    """The evidence checks can fail: one record with every kind of mistake."""
    record = {
        "capabilities": [11, 12],
        "articles": ["lanzarote-13"],
        "sources": [{"label": "A source"}],
        "evidence": [
            {
                "facet": "capability",
                "key": 11,
                "quote": "Helplines (Article 13, Lanzarote Convention; WePROTECT MNR 11)",
                "section": "Recommendations",
            },
            {"facet": "capability", "key": 12, "quote": "Not in the report.", "section": "1"},
            {"facet": "capability", "key": 4, "quote": "Capability 4", "section": "4"},
            {"facet": "theme", "key": "governance", "quote": "x", "section": "1"},
            {"facet": "article", "key": "lanzarote-13", "quote": "x" * 301, "section": "6"},
            {
                "facet": "article",
                "key": "lanzarote-13",
                "quote": "anything",
                "source": "Another source",
                "section": "6",
            },
        ],
    }
    problems = record_evidence_problems(record, report)
    assert len(problems) == 6, problems
    assert "quote not in the report" in problems[0]
    assert "does not carry" in problems[1]
    assert "unknown facet" in problems[2]
    assert f"at most {QUOTE_MAX_LENGTH}" in problems[3]
    assert "neither 'report' nor one of its sources" in problems[4]
    assert problems[5] == "article lanzarote-13 has no evidence"
    assert record_tags(record) == {
        ("capability", "11"),
        ("capability", "12"),
        ("article", "lanzarote-13"),
    }
    assert REPORT == "report"


@pytest.mark.django_db
def test_filtering_by_capability_finds_the_practices_the_report_ties_to_it(client):
    call_command("load_content", verbosity=0)
    missing = {}
    for number, expected in CAPABILITY_PRACTICES.items():
        response = client.get(f"/en/practices/?capability={number}", HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        data = response.json()
        assert data["count"] <= 20 * data["num_pages"]
        found = {
            urlparse(result["url"]).path.rstrip("/").rsplit("/", 1)[1]
            for page in range(1, data["num_pages"] + 1)
            for result in client.get(
                f"/en/practices/?capability={number}&page={page}", HTTP_ACCEPT="application/json"
            ).json()["results"]
        }
        if expected - found:
            missing[number] = sorted(expected - found)
    assert missing == {}
