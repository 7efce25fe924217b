"""axe-core finds no accessibility violation, of any impact, on the public pages (issue 10).

Runs axe (axe-playwright-python) in Debian's Chromium on a small tree with one translated and
one untranslated practice, in English and French.
"""

import pytest

from tests import factories
from tests.browser_support import BROWSER_MARKS
from tests.l10n import french_terms, french_tree, translate

pytestmark = BROWSER_MARKS

PAGES = {
    "en": [
        "/en/",
        "/en/practices/",
        "/en/practices/?country=IS&capability=8",
        "/en/practices/?q=children",
        "/en/practices/barnahus/",
        "/en/countries/",
        "/en/countries/is/",
        "/en/recommendations/",
        "/en/about-the-source/",
        "/en/suggest-a-practice/",
        "/en/no-such-page/",
    ],
    "fr": [
        "/fr/",
        "/fr/pratiques/",
        "/fr/pratiques/?country=IS",
        "/fr/pratiques/maison-des-enfants/",
        "/fr/pratiques/web-constables/",  # untranslated: the English page as a fallback
        "/fr/pays/",
        "/fr/recommandations/",
        "/fr/a-propos-de-la-source/",
        "/fr/no-such-page/",
    ],
}


@pytest.fixture
def atlas(taxonomy):
    site = factories.build_site()
    t = taxonomy
    french_terms(t)
    french_tree(site)
    factories.country_page(site["countries"], t["IS"])
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[t["IS"], t["NO"]],
        capabilities=[t["cap8"]],
        themes=[t["justice"]],
        tags=["multi-agency"],
        summary="Child-friendly interviews and therapy for children under one roof.",
        body=["Started in Iceland in 1998."],
    )
    factories.practice(
        site["practices"], "Web Constables", countries=[t["NO"]], capabilities=[t["cap5"]]
    )
    translate(
        barnahus,
        {
            "title": "Barnahus (Maison des enfants)",
            "slug": "maison-des-enfants",
            "summary": "Auditions adaptées aux enfants et thérapie sous un même toit.",
        },
    )
    return site


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_axe_violation(live_server, atlas, browser_page, language):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser_page
    found = {}
    for path in PAGES[language]:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if "no-such-page" in path else 200), path
        results = axe.run(page)
        if results.violations_count:
            found[path] = [
                (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
                for v in results.response["violations"]
            ]
    assert found == {}
    assert page.external_requests == []


def test_axe_does_find_violations(browser_page):
    """The check above can fail: a page without a language or a labelled control is caught."""
    from axe_playwright_python.sync_playwright import Axe

    browser_page.set_content("<html><body><main><input type=text></main></body></html>")
    ids = {v["id"] for v in Axe().run(browser_page).response["violations"]}
    assert {"html-has-lang", "label"} <= ids
