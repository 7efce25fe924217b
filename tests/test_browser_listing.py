"""The listing with a keyboard, on a phone and with a screen reader, in Debian's Chromium."""

import re

import pytest

from tests import factories
from tests.browser_support import BROWSER_MARKS
from tests.test_listing_ux import build_corpus

pytestmark = BROWSER_MARKS
MAX_TABS = 10


@pytest.fixture
def browser_corpus():
    return build_corpus()


def visible(page, selector):
    """Whether the element is rendered (``checkVisibility`` knows closed ``<details>``)."""
    return page.evaluate(f"document.querySelector({selector!r}).checkVisibility()")


def tab_until(page, predicate, limit):
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return presses
    return None


FIRST_RESULT = "document.activeElement === document.querySelector('.card a')"


@pytest.mark.parametrize("query", ["", "?country=IS"])
def test_first_result_within_ten_tabs(live_server, browser_corpus, browser_page, query):
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/{query}")
    page.wait_for_load_state("networkidle")
    to_skip = tab_until(page, "document.activeElement.getAttribute('href') === '#results'", 10)
    assert to_skip is not None
    page.keyboard.press("Enter")
    after = tab_until(page, FIRST_RESULT, MAX_TABS - to_skip)
    assert after is not None, "the first result was not reached"
    assert to_skip + after <= MAX_TABS


def test_ticked_facet_keeps_focus_and_announces_the_count(
    live_server, browser_corpus, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    status = page.locator("#listing-status")
    assert status.get_attribute("aria-live") == "polite"
    page.focus("#f-country-IS")
    page.keyboard.press("Space")
    page.wait_for_url("**/en/practices/?country=IS")
    expect(status).to_have_text("2 practices")
    assert page.evaluate("document.activeElement.id") == "f-country-IS"
    # The next Tab goes on to the next country, not back to the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "country"
    page.keyboard.press("Space")
    expect(status).not_to_have_text("2 practices")
    assert page.evaluate("document.activeElement.name") == "country"
    assert page.external_requests == []


def test_type_to_filter_finds_a_country_behind_show_all(live_server, browser_corpus, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    assert not visible(page, "#f-country-SI")
    page.get_by_label("Find a country").fill("slov")
    expect(page.locator("#f-country-SI")).to_be_visible()
    assert not visible(page, "#f-country-IS")


def test_phone_shows_results_first_and_filters_behind_a_button(
    live_server, browser_corpus, browser
):
    from playwright.sync_api import expect

    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/en/practices/?capability=5")
        toggle = page.locator(".filters__toggle")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text("Filters (1)")
        assert not visible(page, "#f-country-IS")
        first = page.locator(".card a").first.bounding_box()
        assert first["y"] + first["height"] <= 1.5 * 844, first
        toggle.click()
        expect(page.locator("#f-capability-5")).to_be_visible()
        context.close()


def test_wide_screen_shows_filters_without_a_button(live_server, browser_corpus, browser):
    from playwright.sync_api import expect

    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/en/practices/")
        expect(page.locator(".filters__toggle")).to_be_hidden()
        expect(page.locator("#f-capability-5")).to_be_visible()
        context.close()


def test_focus_ring_contrasts_with_the_page(live_server, browser_corpus, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    colour = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    width = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert float(width.rstrip("px")) >= 2
    assert contrast(parse_rgb(colour), (255, 255, 255)) >= 3


def parse_rgb(value):
    return tuple(int(part) for part in re.findall(r"\d+", value)[:3])


def contrast(a, b):
    def luminance(rgb):
        channels = []
        for c in rgb:
            c = c / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    la, lb = sorted([luminance(a), luminance(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_a_printed_practice_has_no_navigation(live_server, browser_page):
    site, _countries = build_corpus()
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/barnahus/")
    assert visible(page, ".site-header")
    page.emulate_media(media="print")
    assert not visible(page, ".site-header")
    assert not visible(page, ".site-footer")
    assert visible(page, "h1")


def test_language_switch_keeps_filters_and_french_lists_everything(live_server, browser_page):
    from playwright.sync_api import expect

    from tests.l10n import french_tree, translate

    site, countries = build_corpus()
    french_tree(site)
    barnahus = site["practices"].get_children().get(slug="barnahus").specific
    translate(barnahus, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/?country=IS")
    page.get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/pratiques/?country=IS")
    expect(page.locator("#f-country-IS")).to_be_checked()
    # Iceland: Barnahus (translated) and "Iceland and Norway helplines" (English, marked).
    expect(page.locator("#results-heading")).to_have_text("2 pratiques")
    english = page.locator(".card[lang='en']")
    expect(english).to_have_count(1)
    expect(english.locator(".language-label")).to_have_text("Anglais")
    page.check("#f-translated")
    page.wait_for_url("**translated=1**")
    expect(page.locator("#listing-status")).to_have_text("1 pratique")
    assert page.evaluate("document.activeElement.id") == "f-translated"
    assert page.external_requests == []


def test_show_all_brings_a_long_facets_values_in_place(live_server, browser_corpus, browser_page):
    """Issue 13: past fifty values, a facet's rest is not in the page; "Show all" brings it
    (fetched in place with JavaScript), and a value ticked from it applies with the list open."""
    from playwright.sync_api import expect

    factories.practice(
        browser_corpus[0]["practices"], "Many tags", tags=[f"tag-{n:02d}" for n in range(60)]
    )
    page = browser_page
    page.goto(f"{live_server.url}/en/practices/")
    page.locator("#facet-tag > summary").click()
    assert page.locator("#f-tag-tag-59").count() == 0
    page.get_by_role("link", name=re.compile(r"Show all \d+ \(Tag\)")).click()
    page.wait_for_url("**/en/practices/?expand=tag**")
    expect(page.locator("#f-tag-tag-59")).to_be_visible()
    page.locator("#f-tag-tag-59").check()
    page.wait_for_url(re.compile(r".*tag=tag-59.*"))
    expect(page.locator(".card__title")).to_have_text(["Many tags"])
    assert "expand=tag" in page.url
    expect(page.locator("#f-tag-tag-58")).to_be_visible()  # the long list stays open
