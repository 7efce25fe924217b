"""The suggest form: designed fields, a searchable country list, no e-mail kept without
consent, a French address (issue 10)."""

import pytest

from submissions.models import Submission
from tests.test_submissions import valid_data


def test_email_is_not_kept_without_consent(client, site, taxonomy):
    data = valid_data(taxonomy, email="someone@example.org")
    data.pop("consent_to_contact", None)
    response = client.post("/en/suggest-a-practice/", data)
    assert response.status_code == 302
    assert Submission.objects.get().email == ""


def test_email_is_kept_with_consent(client, site, taxonomy):
    data = valid_data(taxonomy, email="someone@example.org", consent_to_contact="on")
    assert client.post("/en/suggest-a-practice/", data).status_code == 302
    assert Submission.objects.get().email == "someone@example.org"


def test_the_french_form_has_a_french_address(client, site):
    assert client.get("/fr/proposer-une-pratique/").status_code == 200
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/proposer-une-pratique/"' in html
    assert client.get("/en/suggest-a-practice/").status_code == 200


def test_countries_are_a_disclosure_that_works_without_javascript(client, site, taxonomy):
    html = client.get("/en/suggest-a-practice/").content.decode()
    details = html[html.index('<details class="multi-select"') :]
    details = details[: details.index("</details>")]
    assert "Choose countries (0 chosen)" in details
    assert 'type="checkbox" name="countries" value="IS"' in details
    assert "<script" not in details


def test_errors_are_summarised_with_links_to_the_fields(client, site, taxonomy):
    html = client.post("/en/suggest-a-practice/", {"title": ""}).content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_title"' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as BROWSER_MARKS
def test_country_list_filters_as_you_type(live_server, browser_page):
    from playwright.sync_api import expect

    from tests import factories

    factories.build_site()
    factories.country("IS", "Iceland")
    factories.country("NO", "Norway")
    page = browser_page
    page.goto(f"{live_server.url}/en/suggest-a-practice/")
    page.click("text=Choose countries (0 chosen)")
    page.get_by_label("Find a country").fill("nor")
    expect(page.get_by_label("Norway")).to_be_visible()
    expect(page.get_by_label("Iceland")).to_be_hidden()
    page.get_by_label("Norway").check()
    expect(page.locator(".multi-select__summary")).to_have_text("Choose countries (1 chosen)")
    assert page.external_requests == []


def test_received_is_shown_in_the_site_time_zone(db, settings):
    import datetime

    from django.utils import translation

    settings.TIME_ZONE = "Europe/Paris"
    submission = Submission(created_at=datetime.datetime(2026, 11, 28, 23, 37, tzinfo=datetime.UTC))
    with translation.override("en"):
        shown = submission.get_created_at_display()
    assert "Nov. 29, 2026" in shown and "12:37" in shown and "(CET)" in shown
