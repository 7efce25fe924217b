"""The editorial journeys in a real browser, as each role does them through the admin's buttons.

(a) an editor submits a practice and a moderator approves both steps; (b) a translator
translates a live practice and submits it, a moderator approves it; (c) a draft without a
capability is refused publication with the reason shown; and a moderator publishes and
unpublishes a French page. Set ``OCSEA_SCREENSHOTS`` to a folder to keep a screenshot of
each step.
"""

import re

import pytest
from playwright.sync_api import expect

from practices.models import PracticePage
from tests.browser_support import BROWSER_MARKS, leave, log_in, screenshot, watch_requests
from tests.l10n import french, translate, translation_atlas

pytestmark = BROWSER_MARKS


@pytest.fixture
def atlas(site, taxonomy):
    return translation_atlas(site, taxonomy)


def translate_segment(page, field, text):
    """In wagtail-localize's editor: "Translate" on a field's text, type, "Save"."""
    field_block = page.locator("li", has=page.locator("h3", has_text=re.compile(f"^{field}$")))
    field_block.get_by_role("button", name="Translate").click()
    field_block.locator("textarea").fill(text)
    field_block.get_by_role("button", name="Save").click()
    expect(field_block.get_by_text(text)).to_be_visible()


def anonymous_page(browser_page):
    """A visitor's page, in a separate browser context (no admin session)."""
    return watch_requests(browser_page.context.browser.new_page())


def test_b_translator_translates_and_a_moderator_publishes(live_server, atlas, browser_page):
    page, base = browser_page, live_server.url
    log_in(page, base, "translator")
    # The English practice page offers the translator the translation, in Wagtail's userbar.
    page.goto(f"{base}/en/practices/barnahus/")
    page.locator("wagtail-userbar").get_by_role("button").first.click()
    expect(page.get_by_role("menuitem", name="Translate into French")).to_be_visible()
    screenshot(page, "b0-userbar-on-the-english-page")

    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Translation status").click()
    page.wait_for_url("**/reports/translation-status/")
    screenshot(page, "b1-translation-status")
    page.get_by_role("link", name="Translate into French").click()
    screenshot(page, "b2-translate-form")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    screenshot(page, "b3-editor")

    translate_segment(page, "Title", "Maison des enfants")
    translate_segment(page, "Summary", "L’enfant est entendu une seule fois.")
    translate_segment(page, "Paragraph", "L’enfant est entendu une fois, dans une maison adaptée.")
    submit = page.get_by_role("button", name="Submit for review")
    submit.scroll_into_view_if_needed()
    screenshot(page, "b4-segments-translated")
    submit.click()
    expect(page.get_by_text("was submitted for review")).to_be_visible()
    screenshot(page, "b5-submitted")
    leave_editor(page)

    french_page = PracticePage.objects.get(
        translation_key=atlas.english.translation_key, locale=french()
    )
    assert not french_page.live
    visitor = anonymous_page(page)
    visitor.goto(f"{base}/fr/pratiques/barnahus/")
    expect(visitor.get_by_text("Pas encore traduit").first).to_be_visible()
    screenshot(visitor, "b6-french-url-before-review")

    page.context.clear_cookies()
    log_in(page, base, "moderator")
    review = page.locator("section", has_text="Awaiting your review")
    row = review.locator("tr", has_text="Maison des enfants")
    row.get_by_role("button").last.click()
    screenshot(page, "b7-moderator-review-actions")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(row).to_have_count(0)
    screenshot(page, "b8-approved")
    french_page.refresh_from_db()
    assert french_page.live and french_page.title == "Maison des enfants"

    visitor.goto(f"{base}/fr/pratiques/")
    expect(visitor.get_by_role("link", name="Maison des enfants")).to_be_visible()
    screenshot(visitor, "b9-french-listing")
    visitor.get_by_role("link", name="Maison des enfants").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Maison des enfants")
    expect(visitor.get_by_text("dans une maison adaptée")).to_be_visible()
    expect(visitor.get_by_text("Pas encore traduit")).to_have_count(0)
    screenshot(visitor, "b10-french-practice")
    assert page.external_requests == [] and visitor.external_requests == []


def create_and_submit_practice(page, base, title, capability=None, step="a1"):
    """As an editor: Practices, Add practice, fill in the form, Submit to Practice review."""
    log_in(page, base, "editor")
    page.get_by_role("link", name="Practices", exact=True).click()
    page.get_by_role("link", name="Add practice").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("A free, confidential helpline for children.")
    if capability:
        page.get_by_label(capability, exact=True).check()
        # Each capability needs its quote from the report (the evidence panel, issue 9).
        page.locator("#id_evidence-ADD").click()
        page.locator("#id_evidence-0-facet").select_option("capability")
        page.locator("#id_evidence-0-key").fill(capability.split(".")[0])
        page.locator("#id_evidence-0-quote").fill("Helplines support child victims.")
        page.locator("#id_evidence-0-section").fill("6. Mechanisms to provide end-to-end support")
    page.get_by_label("Victim support", exact=True).check()
    page.locator("#id_sources-ADD").click()
    page.locator("#id_sources-0-label").fill("Report, section 4.2")
    screenshot(page, f"{step}-editor-form")
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="Submit to Practice review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    page.context.clear_cookies()


def leave_editor(page):
    """Leave an edit view before reading the database here (see ``browser_support.leave``)."""
    leave(page)


def wait_until(page, condition, seconds=10):
    """Wait for the server to have done what the browser asked (no message is shown for it)."""
    for _ in range(seconds * 10):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the server did not do it")


def current_task(page):
    state = PracticePage.objects.get(pk=page.pk).current_workflow_state
    return state.current_task_state.task.name if state else None


def approve_from_dashboard(page, title):
    """As a moderator on the dashboard: the review's "..." menu, then "Approve"."""
    row = page.locator("section", has_text="Awaiting your review").locator("tr", has_text=title)
    row.get_by_role("button").last.click()
    page.get_by_role("button", name="Approve", exact=True).click()
    return row


def test_a_editor_submits_and_a_moderator_approves_both_steps(live_server, atlas, browser_page):
    page, base = browser_page, live_server.url
    create_and_submit_practice(page, base, "Children's helpline", "8. End to end support")
    screenshot(page, "a2-submitted")

    practice = PracticePage.objects.get(title="Children's helpline")
    assert current_task(practice) == "Editorial review" and not practice.live

    log_in(page, base, "moderator")
    screenshot(page, "a3-moderator-dashboard-step-1")
    approve_from_dashboard(page, "Children's helpline")
    wait_until(page, lambda: current_task(practice) == "Source check")
    page.reload()
    screenshot(page, "a4-moderator-dashboard-step-2")
    row = approve_from_dashboard(page, "Children's helpline")
    expect(row).to_have_count(0)
    screenshot(page, "a5-approved")
    practice.refresh_from_db()
    assert practice.live

    visitor = anonymous_page(page)
    visitor.goto(f"{base}/en/practices/childrens-helpline/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Children's helpline")
    screenshot(visitor, "a6-live-practice")
    exported = visitor.request.get(f"{base}/data/practices.json").text()
    assert "Children's helpline" in exported or "Children\\u0027s helpline" in exported
    assert page.external_requests == [] and visitor.external_requests == []


def click_action(page, name):
    """A button of the editor's footer action menu, opening its dropdown if needed."""
    button = page.locator("footer").get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").click()
    button.click()


def test_c_a_draft_without_capability_is_refused_with_the_reason(live_server, atlas, browser_page):
    page, base = browser_page, live_server.url
    create_and_submit_practice(page, base, "Helpline without capability", step="c1")
    practice = PracticePage.objects.get(title="Helpline without capability")

    log_in(page, base, "moderator")
    row = page.locator("section", has_text="Awaiting your review").locator(
        "tr", has_text="Helpline without capability"
    )
    row.get_by_role("button").last.click()
    page.get_by_role("link", name="Edit", exact=True).click()
    page.wait_for_url(f"**/admin/pages/{practice.pk}/edit/")
    screenshot(page, "c2-moderator-opens-the-draft")
    click_action(page, "Approve")
    expect(page.get_by_text("This practice cannot be published yet").first).to_be_visible()
    expect(page.get_by_text("Needed to publish: add an MNR capability.").first).to_be_visible()
    screenshot(page, "c3-refused-with-reason")
    leave_editor(page)
    practice.refresh_from_db()
    assert not practice.live
    assert current_task(practice) == "Editorial review"


def test_moderator_unpublishes_and_republishes_a_french_page(live_server, atlas, browser_page):
    french_page = translate(
        atlas.english, {"title": "Maison des enfants", "slug": "maison-des-enfants"}
    )
    page, base = browser_page, live_server.url
    log_in(page, base, "moderator")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Translation status").click()
    screenshot(page, "m0-translation-status")
    page.get_by_role("link", name="Edit French translation").click()
    page.wait_for_url(f"**/admin/pages/{french_page.pk}/edit/")
    screenshot(page, "m1-moderator-opens-french-page")

    page.locator("footer").get_by_role("button", name="More actions").click()
    page.locator("footer").get_by_role("link", name="Unpublish").click()
    screenshot(page, "m2-unpublish-confirm")
    page.get_by_role("button", name=re.compile("^Yes, unpublish")).click()
    page.wait_for_load_state()
    screenshot(page, "m3-unpublished")
    visitor = anonymous_page(page)
    visitor.goto(f"{base}/fr/pratiques/barnahus/")  # the English page again, with the notice
    expect(visitor.get_by_text("Pas encore traduit").first).to_be_visible()

    page.goto(f"{base}/admin/pages/{french_page.pk}/edit/")
    page.locator("footer").get_by_role("button", name="Publish in French").click()
    expect(page.locator(".messages")).to_contain_text("Published")
    screenshot(page, "m4-published-again")
    visitor.goto(f"{base}/fr/pratiques/maison-des-enfants/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Maison des enfants")
    leave_editor(page)
    assert PracticePage.objects.get(pk=french_page.pk).live
