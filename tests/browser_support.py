"""Playwright in Debian's Chromium, shared by the browser tests.

Without Chromium the browser tests are skipped, unless ``OCSEA_REQUIRE_BROWSER=1`` (CI sets
it): then they fail, so that a CI run without a browser cannot pass by skipping its journeys.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "data:", "blob:")
# How long a left page's last requests (an autosave sent on leaving) may take to be handled.
QUIET_MS = 500
# Where journeys save a screenshot of each step (set OCSEA_SCREENSHOTS to a folder).
SCREENSHOTS = os.environ.get("OCSEA_SCREENSHOTS", "")

# The live server needs committed data; serialized rollback restores the root page and locales
# that Wagtail's migrations create, which a plain flush would leave missing.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def require_chromium():
    if CHROMIUM.exists():
        return
    message = f"no Chromium at {CHROMIUM}"
    if os.environ.get("OCSEA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message}, and OCSEA_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(message)


def launch(playwright):
    # Playwright's sync API refuses to run where an event loop is set; Django's async-unsafe
    # guard must be relaxed for the live server thread to share the test database.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def watch_requests(page):
    """Record every request the page makes outside this machine (there must be none)."""
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url) if not request.url.startswith(LOCAL_PREFIXES) else None
        ),
    )
    page.external_requests = external
    return page


def screenshot(page, name):
    """Save the page as ``<OCSEA_SCREENSHOTS>/<name>.png``, when that folder is set."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def log_in(page, base_url, username, password="irrelevant"):
    """Log in to the admin through its login form."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def leave(page):
    """Let the page's requests finish, then leave it for a blank page.

    Admin edit views autosave and ping in the background; a request the live server is still
    handling when the test reads the database, or when the test database is flushed after the
    test, locks it (SQLite) or deadlocks the flush (PostgreSQL).
    """
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.wait_for_timeout(QUIET_MS)


def close_quietly(context):
    for page in context.pages:
        leave(page)
    context.close()
