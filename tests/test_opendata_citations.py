"""Cite this practice: the formatted citation, BibTeX, RIS and CSL-JSON, and JSON-LD."""

import datetime
import json
import re

import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.utils import timezone
from pybtex.database import parse_string

from tests import factories
from tests.l10n import french_terms, french_tree, translate

REPORT = "Council of Europe (2021). Baseline mapping report of Member states’ responses"


@pytest.fixture
def practice(site, taxonomy):
    page = factories.practice(
        site["practices"],
        "Barnahus & {friends} 100% #1",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        tags=["therapy"],
        reviewed=datetime.date(2026, 3, 14),
        summary="Interviews <b>and</b> therapy under one roof.",
    )
    return page


def test_the_practice_page_shows_the_citation_and_its_downloads(client, practice):
    html = client.get("/en/practices/barnahus-friends-100-1/").content.decode()
    assert "Cite this practice" in html
    citation = re.search(r'<p class="citation">(.*?)</p>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", citation)
    year = timezone.localdate().year
    assert text.startswith(f"Barnahus &amp; {{friends}} 100% #1 ({year}). OCSEA Practice Atlas.")
    assert "http://testserver/en/practices/barnahus-friends-100-1/" in text
    assert "(last checked March 14, 2026)" in text
    assert f"Original source: {REPORT}" in text
    for name in ("cite.bib", "cite.ris", "cite.json"):
        assert f'href="/en/practices/barnahus-friends-100-1/{name}"' in html


def test_bibtex_parses_with_pybtex(client, practice):
    response = client.get("/en/practices/barnahus-friends-100-1/cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    database = parse_string(response.content.decode(), "bibtex")
    entry = database.entries["ocsea-atlas-en-barnahus-friends-100-1"]
    assert entry.type == "misc"
    assert entry.fields["title"] == r"{Barnahus \& \{friends\} 100\% \#1}"
    assert entry.fields["url"] == "http://testserver/en/practices/barnahus-friends-100-1/"
    assert entry.fields["howpublished"] == "OCSEA Practice Atlas"
    assert entry.fields["urldate"] == timezone.localdate().isoformat()
    assert "Last checked 2026-03-14" in entry.fields["note"]
    assert REPORT in entry.fields["note"]


def test_ris_parses_with_rispy(client, practice):
    response = client.get("/en/practices/barnahus-friends-100-1/cite.ris")
    assert response.status_code == 200
    [entry] = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == "Barnahus & {friends} 100% #1"
    assert entry["secondary_title"] == "OCSEA Practice Atlas"
    assert entry["urls"] == ["http://testserver/en/practices/barnahus-friends-100-1/"]
    assert entry["access_date"] == timezone.localdate().strftime("%Y/%m/%d")
    assert any(REPORT in note for note in entry["notes"])
    assert "Last checked 2026-03-14" in entry["notes"]


def test_csl_json_formats_with_citeproc(client, practice):
    response = client.get("/en/practices/barnahus-friends-100-1/cite.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    items = json.loads(response.content)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    [reference] = [str(item) for item in bibliography.bibliography()]
    assert "Barnahus & {friends} 100% #1" in reference
    assert "http://testserver/en/practices/barnahus-friends-100-1/" in reference
    assert "OCSEA Practice Atlas" in reference


def test_json_ld_is_a_data_block_with_the_practice(client, practice):
    html = client.get("/en/practices/barnahus-friends-100-1/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "<b>" not in blocks[0]  # HTML-significant characters are escaped
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebPage"
    assert data["name"] == "Barnahus & {friends} 100% #1"
    assert data["description"] == "Interviews <b>and</b> therapy under one roof."
    assert data["url"] == "http://testserver/en/practices/barnahus-friends-100-1/"
    assert data["lastReviewed"] == "2026-03-14"
    assert data["spatialCoverage"] == [{"@type": "Country", "name": "Iceland", "identifier": "IS"}]
    assert data["isBasedOn"]["publisher"]["name"] == "Council of Europe"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    # No other script than the page's own files: the CSP has no inline script to allow.
    assert not re.findall(r"<script(?![^>]*(?:src=|application/ld\+json))", html)


def test_translated_practice_is_cited_in_its_language(client, site, taxonomy, practice):
    french_terms(taxonomy)
    french_tree(site)
    translate(practice, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    html = client.get("/fr/pratiques/maison-des-enfants/").content.decode()
    assert "Citer cette pratique" in html
    assert "Conseil de l’Europe (2021)" in html
    [entry] = rispy.loads(client.get("/fr/pratiques/maison-des-enfants/cite.ris").content.decode())
    assert entry["title"] == "Maison des enfants"
    assert entry["language"] == "fr"


def test_only_live_practices_have_citations(client, site, taxonomy, practice):
    factories.practice(site["practices"], "Draft", live=False)
    assert client.get("/en/practices/draft/cite.bib").status_code == 404
    assert client.get("/en/practices/cite.bib").status_code == 404
    assert client.get("/en/practices/nowhere/cite.ris").status_code == 404
    assert client.get("/en/practices/barnahus-friends-100-1/cite.xml").status_code == 404
