"""The listing in a real browser (Debian's Chromium driven by Playwright).

The site's CSP forbids ``eval``, so waits use Playwright's ``expect`` rather than
``wait_for_function`` with a string.
"""

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
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    page.evaluate("window.__sameDocument = true")
    expect(page.locator("#results-heading")).to_have_text("2 practices")

    page.check("#f-country-IS")
    page.wait_for_url("**/en/practices/?country=IS")
    expect(page.locator("#results-heading")).to_have_text("1 practice")
    assert page.evaluate("window.__sameDocument") is True  # no full page load happened
    assert page.locator(".card h3").all_inner_texts() == ["Barnahus"]

    page.go_back()
    expect(page.locator("#results-heading")).to_have_text("2 practices")
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
