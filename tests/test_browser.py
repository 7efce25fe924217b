"""The listing in a real browser (Debian's Chromium driven by Playwright)."""

import pytest

from tests import factories
from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture
def corpus(taxonomy):
    site = factories.build_site()
    factories.practice(
        site["practices"], "Barnahus", countries=[taxonomy["IS"]], capabilities=[taxonomy["cap8"]]
    )
    factories.practice(
        site["practices"],
        "Web Constables",
        countries=[taxonomy["NO"]],
        capabilities=[taxonomy["cap5"]],
    )
    return site


def test_facets_apply_without_reload_and_update_the_url(live_server, corpus, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    page.evaluate("window.__sameDocument = true")
    assert page.locator("#results-heading").inner_text() == "2 practices"

    page.check("#f-country-IS")
    page.wait_for_url("**/en/practices/?country=IS")
    page.wait_for_function("document.querySelector('#results-heading').innerText === '1 practice'")
    assert page.evaluate("window.__sameDocument") is True  # no full page load happened
    assert page.locator(".card h3").all_inner_texts() == ["Barnahus"]

    page.go_back()
    page.wait_for_function("document.querySelector('#results-heading').innerText === '2 practices'")
    assert page.external_requests == []


def test_listing_works_without_javascript(live_server, corpus, browser_page):
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/practices/")
    page.check("#f-capability-5")
    page.click("text=Apply filters")
    page.wait_for_url("**capability=5**")
    assert page.locator(".card h3").all_inner_texts() == ["Web Constables"]
    context.close()
