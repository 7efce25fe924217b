"""The listing in a real browser (Debian's Chromium driven by Playwright)."""

import os
from pathlib import Path

import pytest

from tests import factories

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized rollback restores the root page and
    # locales that Wagtail's migrations create, which a plain flush would leave missing.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture
def browser_page():
    # Playwright's sync API refuses to run where an event loop is set; Django's async-unsafe
    # guard must be relaxed for the live server thread to share the test database.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        external = []
        page.on(
            "request",
            lambda request: (
                external.append(request.url)
                if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                else None
            ),
        )
        page.external_requests = external
        yield page
        browser.close()


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
