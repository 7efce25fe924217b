"""The coverage matrix, Compare, the map and a country profile in Chromium: axe, keyboard."""

from decimal import Decimal

import pytest

from tests import factories
from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

PAGES = [
    "/en/coverage/",
    "/en/coverage/?view=articles&theme=victim-support&sort=total",
    "/en/countries/compare/?c=IS&c=NO&c=SE",
    "/en/countries/compare/?c=IS",
    "/en/map/",
    "/en/map/?indicator=ncmec_change_percent&sort=-value",
    "/en/countries/is/",
    "/fr/coverage/",
    "/fr/map/?indicator=icmec_grooming_score",
]


@pytest.fixture
def corpus(taxonomy):
    t = taxonomy
    site = factories.build_site()
    t["IS"].icmec_grooming_score = Decimal("4")
    t["IS"].ncmec_reports_2019 = 1951
    t["IS"].ncmec_reports_2020 = 4695
    t["IS"].ncmec_change_percent = Decimal("140.65")
    t["IS"].ncmec_share_2019_percent = Decimal("0.00")
    t["IS"].save()
    for code in ["IS", "NO", "SE"]:
        factories.country_page(site["countries"], t[code])
    factories.practice(
        site["practices"],
        "Barnahus",
        countries=[t["IS"], t["NO"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["victims"]],
        articles=[t["l35"]],
    )
    factories.practice(
        site["practices"], "Web Constables", countries=[t["NO"]], capabilities=[t["cap15"]]
    )
    return site


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
    ]


def test_axe_reports_no_violation_on_the_new_pages(live_server, corpus, browser_page):
    found = {}
    for path in PAGES:
        response = browser_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        violations = axe_violations(browser_page)
        if violations:
            found[path] = violations
    assert found == {}
    assert browser_page.external_requests == []


def test_map_countries_are_reached_by_keyboard(live_server, corpus, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/en/map/?indicator=icmec_grooming_score")
    names = []
    for _ in range(40):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.closest('svg') ? document.activeElement.getAttribute("
            "'aria-label') : null"
        )
        if label:
            names.append(label)
        if len(names) == 2:
            break
    assert names == ["Iceland: 4 out of 5", "Norway: no data"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/countries/is/")


def test_pages_work_without_javascript(live_server, corpus, browser_page):
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/countries/is/")
    page.select_option("#compare-c2", "NO")
    page.click("button:text-is('Compare')")
    page.wait_for_url("**/en/countries/compare/?c=IS&c=NO&c=&c=")
    assert page.locator("table.compare-table thead th").nth(2).inner_text() == "Norway"
    page.goto(f"{live_server.url}/en/map/")
    page.select_option("#map-indicator", "icmec_grooming_score")
    page.click("button:text-is('Show')")
    page.wait_for_url("**indicator=icmec_grooming_score")
    assert page.locator("#map-heading").inner_text().startswith("ICMEC grooming")
    page.goto(f"{live_server.url}/en/coverage/")
    page.click("thead a:text('Total')")
    page.wait_for_url("**sort=total")
    assert page.locator("tbody th").first.inner_text() == "Norway"
    context.close()


def test_no_new_page_scrolls_sideways_on_a_phone(live_server, corpus, browser_page):
    context = browser_page.context.browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    widths = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert widths == dict.fromkeys(PAGES, 390)
