"""In Chromium: the JSON-LD data block and the open-data links raise no CSP violation."""

import json

from tests import factories
from tests.browser_support import BROWSER_MARKS, screenshot

pytestmark = BROWSER_MARKS


def test_practice_page_and_listing_under_the_csp(browser_page, live_server, taxonomy):
    site = factories.build_site()
    factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
    )
    page = browser_page
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    page.goto(f"{live_server.url}/en/practices/barnahus/")
    page.wait_for_timeout(300)
    screenshot(page, "practice-cite-this")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["name"] == "Barnahus"
    assert page.get_by_role("heading", name="Cite this practice").is_visible()
    assert page.get_by_role("link", name="BibTeX").get_attribute("href").endswith("cite.bib")

    page.goto(f"{live_server.url}/en/practices/?country=IS")
    page.wait_for_timeout(300)
    screenshot(page, "listing-downloads-follow")
    assert page.get_by_text("Download this practice").is_visible()
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href") == "/en/practices/feed/?country=IS"
    assert page.get_by_role("link", name="Follow: new practices matching these filters").count()

    assert [text for text in messages if "Content Security Policy" in text] == []
    assert page.external_requests == []
