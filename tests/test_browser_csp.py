"""The admin works in Chromium under its Content-Security-Policy, and public pages too."""

from django.contrib.auth import get_user_model

from tests import factories
from tests.browser_support import BROWSER_MARKS, screenshot

pytestmark = BROWSER_MARKS


def csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_admin_login_and_page_editor_raise_no_csp_violation(browser_page, live_server, taxonomy):
    site = factories.build_site()
    practice = factories.practice(site["practices"], "Barnahus", countries=[taxonomy["IS"]])
    get_user_model().objects.create_superuser("curator", "c@example.org", "a-real-password-4821")
    page = browser_page
    violations = csp_violations(page)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "curator")
    page.fill("input[name=password]", "a-real-password-4821")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    page.wait_for_selector("#page-edit-form")
    page.wait_for_timeout(1500)  # let the editor's scripts (rich text, panels) run
    screenshot(page, "admin-editor-under-csp")
    assert page.locator("input[name=title]").input_value() == "Barnahus"
    assert violations == []

    page.goto(f"{live_server.url}/en/practices/?country=IS")
    page.wait_for_timeout(500)
    assert violations == []
