"""Tag evidence in the database: loader, admin, practice page, translations, exports, and the
publication rule's check (issue 9)."""

import csv
import datetime
import io
import re

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page

from ocsea.core.loading import save_page
from practices.evidence import capabilities_without_evidence, missing_capability_evidence
from practices.loading import apply_record
from practices.models import PracticePage, PracticeTagEvidence
from tests import factories
from tests.editorial_helpers import post_edit, role_users
from tests.l10n import french_terms, french_tree, translate

HELPLINE_QUOTE = "Helplines (Article 13, Lanzarote Convention; WePROTECT MNR 11)"
INTERVIEW_QUOTE = "Victims, witnesses and children are interviewed in an appropriate environment."
EVIDENCE_CSV_FIELDS = [
    "practice_slug",
    "practice_title",
    "practice_url",
    "facet",
    "key",
    "tag_label",
    "quote",
    "source",
    "section",
]


def entry(facet, key, quote, section="Recommendations", source="report"):
    return PracticeTagEvidence(
        facet=facet, key=str(key), quote=quote, source=source, section=section
    )


def with_evidence(page, *entries, checked=None, before_the_evidence_rule=False):
    """``page`` republished with ``entries`` as its evidence.

    ``before_the_evidence_rule`` publishes as Wagtail did before a capability needed its
    quote, for a live practice that still lacks one (the rule refuses such a practice now).
    """
    for position, evidence in enumerate(entries):
        evidence.sort_order = position
    page.evidence = list(entries)
    page.checked_against_report = checked
    if before_the_evidence_rule:
        Page.publish(page, page.save_revision())
    else:
        save_page(page)
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def interviews(site, taxonomy):
    page = factories.practice(
        site["practices"],
        "Forensic interview rooms",
        capabilities=[taxonomy["cap5"], taxonomy["cap8"]],
        articles=[taxonomy["l35"]],
        themes=[taxonomy["justice"]],
    )
    page.last_reviewed = None  # no editor has reviewed it yet
    return with_evidence(
        page,
        entry("capability", 5, INTERVIEW_QUOTE, "5. Child-friendly procedures – Case Study"),
        entry("article", "lanzarote-35", INTERVIEW_QUOTE, "5. Child-friendly procedures"),
        entry("article", "lanzarote-35", "Interviews.", "Annex", source="A source"),
        checked=datetime.date(2026, 11, 29),
        before_the_evidence_rule=True,  # capability 8 has no quote
    )


def record(**changes):
    base = {
        "slug": "interview-rooms",
        "title": "Interview rooms",
        "summary": "Rooms where children are heard.",
        "countries": ["IS"],
        "articles": ["lanzarote-35"],
        "capabilities": [5],
        "themes": ["child-friendly-justice"],
        "sources": [{"url": "https://example.org", "label": "A source", "footnote": 93}],
        "report": {"section": "5. Child-friendly procedures", "case_study": None},
        "checked_against_report": datetime.date(2026, 11, 29),
        "evidence": [
            {
                "facet": "capability",
                "key": 5,
                "quote": "Victims, witnesses and children are interviewed\n  in an appropriate"
                " environment.",
                "section": "5. Child-friendly procedures",
            },
            {
                "facet": "article",
                "key": "lanzarote-35",
                "quote": "Interviews.",
                "source": "A source",
                "section": "The source's page 2",
            },
        ],
    }
    base.update(changes)
    return base


# Loader


def test_loader_stores_evidence_and_the_date_checked_against_the_report(site, taxonomy):
    page = PracticePage(locale=Locale.get_default())
    apply_record(page, record(last_reviewed=datetime.date(2020, 1, 1)), "f.yaml", page.locale)
    save_page(page, site["practices"])
    page = PracticePage.objects.get(pk=page.pk)

    assert page.checked_against_report == datetime.date(2026, 11, 29)
    assert page.last_reviewed is None  # an editor's review is never loaded
    assert [e.sort_order for e in page.evidence.all()] == [0, 1]  # the file's order
    assert [(e.facet, e.key, e.quote, e.source, e.section) for e in page.evidence.all()] == [
        (
            "capability",
            "5",
            INTERVIEW_QUOTE,
            "report",
            "5. Child-friendly procedures",
        ),
        ("article", "lanzarote-35", "Interviews.", "A source", "The source's page 2"),
    ]
    # The evidence travels with the revision.
    assert page.get_latest_revision_as_object().evidence.count() == 2


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"facet": "capability", "key": 8}, "capability 8, a tag the practice does not carry"),
        ({"facet": "article", "key": "lanzarote-23"}, "a tag the practice does not carry"),
        ({"facet": "theme", "key": "child-friendly-justice"}, "unknown facet 'theme'"),
        ({"facet": "capability", "key": 5, "quote": "x" * 301}, "301 characters (at most 300)"),
        ({"facet": "capability", "key": 5, "source": "Nowhere"}, "'Nowhere' is neither"),
        ({"facet": "capability", "key": 5, "section": ""}, "no section"),
    ],
)
def test_loader_refuses_evidence_that_cannot_stand(site, taxonomy, evidence, message):
    bad = {"quote": "A quote.", "section": "5", **evidence}
    page = PracticePage(locale=Locale.get_default())
    with pytest.raises(CommandError) as error:
        apply_record(page, record(evidence=[bad]), "fixtures/practices/x.yaml", page.locale)
    assert str(error.value).startswith("fixtures/practices/x.yaml: evidence entry 1: ")
    assert message in str(error.value)


def test_loader_refuses_a_checked_date_that_is_not_a_date(site, taxonomy):
    page = PracticePage(locale=Locale.get_default())
    with pytest.raises(CommandError, match="checked_against_report must be a date"):
        apply_record(page, record(checked_against_report="soon"), "x.yaml", page.locale)


# The publication rule's check (wired into publication by the editorial enforcement point)


def test_capabilities_without_evidence_in_memory_and_from_a_revision(site, taxonomy):
    page = factories.practice(
        site["practices"],
        "Draft",
        capabilities=[taxonomy["cap8"], taxonomy["cap5"]],
        live=False,
        evidence=False,
    )
    assert capabilities_without_evidence(page) == [5, 8]

    page.evidence = [entry("capability", 8, "A quote."), entry("article", "lanzarote-35", "Q.")]
    assert capabilities_without_evidence(page) == [5]  # unsaved, in memory
    page.save_revision()

    revision_page = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert capabilities_without_evidence(revision_page) == [5]
    assert PracticePage.objects.get(pk=page.pk).evidence.count() == 0  # a draft only
    assert missing_capability_evidence([11, "12"], [("capability", "12")]) == [11]


# Admin


@pytest.fixture
def moderator(client, site):
    user = role_users()["moderator"]
    client.force_login(user)
    return user


def evidence_form(index, facet, key, quote="A quote from the report.", source="report"):
    prefix = f"evidence-{index}-"
    return {
        f"{prefix}facet": facet,
        f"{prefix}key": str(key),
        f"{prefix}quote": quote,
        f"{prefix}source": source,
        f"{prefix}section": "6. Mechanisms to provide end-to-end support",
        f"{prefix}id": "",
        f"{prefix}ORDER": str(index + 1),
        f"{prefix}DELETE": "",
    }


def test_the_editor_has_an_evidence_inline_right_after_tagging(client, interviews, moderator):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[interviews.pk])).content.decode()
    tagging = html.index("Tagging")
    evidence = html.index("Evidence for each tag")
    organisations = html.index("Implementing organisations")
    assert tagging < evidence < organisations
    assert "at most 300 characters" in html
    assert 'name="evidence-TOTAL_FORMS" value="3"' in html
    assert "Checked against the report" in html


def test_admin_refuses_evidence_for_a_tag_the_practice_does_not_carry(
    client, interviews, moderator
):
    changes = {"evidence-TOTAL_FORMS": "4", **evidence_form(3, "capability", 15)}
    response = post_edit(client, interviews, changes)
    assert response.status_code == 200
    assert "This practice does not carry this tag" in response.content.decode()
    assert interviews.evidence.count() == 3

    changes = {"evidence-TOTAL_FORMS": "4", **evidence_form(3, "capability", 8, source="Nope")}
    response = post_edit(client, interviews, changes)
    assert response.status_code == 200
    assert "the exact label of one of this practice" in response.content.decode()


def test_admin_saves_evidence_for_a_carried_tag_with_the_revision(client, interviews, moderator):
    changes = {
        "evidence-TOTAL_FORMS": "4",
        **evidence_form(3, "capability", 8, "Barnahus", source="A source"),
        "action-publish": "1",
    }
    response = post_edit(client, interviews, changes)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PracticePage.objects.get(pk=interviews.pk)
    assert [(e.facet, e.key) for e in page.evidence.all()][-1] == ("capability", "8")
    assert capabilities_without_evidence(page) == []


def test_the_quote_is_at_most_300_characters(client, interviews, moderator):
    changes = {"evidence-TOTAL_FORMS": "4", **evidence_form(3, "capability", 8, "x" * 301)}
    response = post_edit(client, interviews, changes)
    assert response.status_code == 200
    assert "at most 300 characters (it has 301)" in response.content.decode()


# Practice page


def why_this_tag(html):
    return re.findall(r'<details class="tag-evidence">(.*?)</details>', html, re.S)


def test_each_tag_links_to_its_listing_and_says_why(client, interviews):
    html = client.get(interviews.url).content.decode()
    assert 'href="/en/practices/?capability=5"' in html
    assert 'href="/en/practices/?capability=8"' in html
    assert 'href="/en/practices/?article=lanzarote-35"' in html

    disclosures = why_this_tag(html)
    assert len(disclosures) == 2  # capability 8 has no evidence, so nothing to disclose
    capability, article = disclosures
    assert "<summary>Why this tag" in capability
    assert INTERVIEW_QUOTE in capability
    assert "In the report" in capability
    assert "5. Child-friendly procedures – Case Study" in capability
    assert '<blockquote lang="en">' in capability
    assert article.count("<figure") == 2
    assert 'Quoted from <cite lang="en">A source</cite>' in article
    assert "style=" not in html


def test_dates_say_checked_against_the_report_and_last_reviewed_only_when_set(client, interviews):
    html = client.get(interviews.url).content.decode()
    assert "Checked against the report" in html
    assert '<time datetime="2026-11-29">Nov. 29, 2026</time>' in html
    assert "Last reviewed" not in html

    interviews.last_reviewed = datetime.date(2027, 3, 1)
    Page.publish(interviews, interviews.save_revision())  # capability 8 still has no quote
    html = client.get(interviews.url).content.decode()
    assert "Last reviewed" in html
    assert '<time datetime="2027-03-01">March 1, 2027</time>' in html


def test_french_page_keeps_the_quotes_in_english(client, site, taxonomy, interviews):
    french_terms(taxonomy)
    french_tree(site)
    # A translation is published through the rules: capability 8 needs its quote first.
    interviews = with_evidence(
        interviews,
        *interviews.evidence.all(),
        entry("capability", 8, "Interview rooms are end-to-end support.", "6. Support"),
        checked=interviews.checked_against_report,
    )
    french = translate(
        interviews,
        {"title": "Salles d’audition", "slug": "salles-daudition", "summary": "Des salles."},
    )
    assert french.evidence.count() == 4  # synchronised with the English page

    html = client.get(french.url).content.decode()
    capability = why_this_tag(html)[0]
    assert "<summary>Pourquoi ce classement" in capability
    assert f'<blockquote lang="en"><p>{INTERVIEW_QUOTE}</p></blockquote>' in capability
    assert "Dans le rapport" in capability
    assert 'href="/fr/pratiques/?capability=5"' in html
    assert "Vérifiée au regard du rapport" in html
    assert '<time datetime="2026-11-29">29 novembre 2026</time>' in html


# Exports


def test_practices_json_gives_each_practice_its_evidence(client, interviews, site, taxonomy):
    factories.practice(site["practices"], "Draft", capabilities=[taxonomy["cap5"]], live=False)
    rows = client.get("/data/practices.json").json()
    assert [row["title"] for row in rows] == ["Forensic interview rooms"]
    assert rows[0]["evidence"] == [
        {
            "facet": "capability",
            "key": "5",
            "quote": INTERVIEW_QUOTE,
            "source": "report",
            "section": "5. Child-friendly procedures – Case Study",
        },
        {
            "facet": "article",
            "key": "lanzarote-35",
            "quote": INTERVIEW_QUOTE,
            "source": "report",
            "section": "5. Child-friendly procedures",
        },
        {
            "facet": "article",
            "key": "lanzarote-35",
            "quote": "Interviews.",
            "source": "A source",
            "section": "Annex",
        },
    ]
    csv_header = client.get("/data/practices.csv").content.decode().splitlines()[0]
    assert "evidence" not in csv_header


def evidence_csv(client):
    response = client.get("/data/practice-evidence.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="practice-evidence.csv"' in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_evidence_csv_has_one_row_per_entry_of_live_practices(client, interviews, site, taxonomy):
    draft = factories.practice(
        site["practices"], "Draft", capabilities=[taxonomy["cap5"]], themes=[taxonomy["justice"]]
    )
    draft = with_evidence(draft, entry("capability", 5, "Draft quote."))
    draft.unpublish()
    french_terms(taxonomy)
    french_tree(site)
    translate(interviews, {"title": "Salles", "slug": "salles", "summary": "Des salles."})

    rows = evidence_csv(client)
    assert len(rows) == 3  # neither the unpublished practice nor the French copy
    assert list(rows[0]) == EVIDENCE_CSV_FIELDS
    assert rows[0] == {
        "practice_slug": "forensic-interview-rooms",
        "practice_title": "Forensic interview rooms",
        "practice_url": "/en/practices/forensic-interview-rooms/",
        "facet": "capability",
        "key": "5",
        "tag_label": "5. Judiciary and Prosecutors",
        "quote": INTERVIEW_QUOTE,
        "source": "report",
        "section": "5. Child-friendly procedures – Case Study",
    }
    assert rows[2]["tag_label"] == "Lanzarote Art. 35 – Interviews with the child"
    assert rows[2]["source"] == "A source"


@pytest.mark.parametrize("url", ["/data/practice-evidence.csv", "/data/practices.json"])
def test_export_query_counts_do_not_grow_with_practices(client, site, taxonomy, url):
    def add(count, offset):
        for number in range(count):
            page = factories.practice(
                site["practices"],
                f"Practice {offset + number}",
                capabilities=[taxonomy["cap5"]],
                themes=[taxonomy["justice"]],
            )
            with_evidence(page, entry("capability", 5, "Q."), entry("capability", 5, "R."))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(2, 0)
    client.get(url)  # sessions, sites and locales are looked up once
    small = queries()
    add(5, 100)
    assert queries() == small


# Capability names


def test_recommendations_show_full_capability_names(client, site, taxonomy):
    from report.models import Recommendation

    recommendation = Recommendation.objects.create(
        key="helplines", heading="Helplines", text="Countries should.", locale=site["home"].locale
    )
    recommendation.capabilities.set([taxonomy["cap8"]])
    recommendation.save()
    html = client.get(site["recommendations"].url).content.decode()
    assert 'href="/en/practices/?capability=8">MNR 8. End to end support</a>' in html
