import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests import browser_support, factories


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile locale/*/LC_MESSAGES/django.po with Babel, so a fresh clone renders French."""
    call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back, the cache would not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return factories.build_site()


@pytest.fixture
def taxonomy(db):
    """A handful of terms from each vocabulary, keyed as the report's."""
    return {
        "IS": factories.country("IS", "Iceland"),
        "NO": factories.country("NO", "Norway"),
        "SE": factories.country("SE", "Sweden"),
        "cap5": factories.capability(5, "Judiciary and Prosecutors"),
        "cap8": factories.capability(8, "End to end support", domain="Victim"),
        "cap15": factories.capability(15, "Offender Support Systems", domain="Societal"),
        "justice": factories.theme("child-friendly-justice", "Child-friendly justice"),
        "victims": factories.theme("victim-support", "Victim support"),
        "awareness": factories.theme("education-awareness", "Education and awareness"),
        "l23": factories.article("lanzarote", 23, "Solicitation of children for sexual purposes"),
        "l35": factories.article("lanzarote", 35, "Interviews with the child"),
        "b9": factories.article("budapest", 9, "Offences related to child pornography"),
        "children": factories.target_group("children", "Children and young people"),
        "police": factories.target_group("law-enforcement", "Law enforcement"),
    }


@pytest.fixture
def browser():
    """Debian's Chromium, driven by Playwright (see ``tests/browser_support.py``)."""
    browser_support.require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = browser_support.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page (1280 px wide) that records requests leaving this machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = browser_support.watch_requests(context.new_page())
    yield page
    browser_support.close_quietly(context)
