"""The admin dashboard shows each role the panel it needs (issue 10)."""

import pytest

from tests import factories
from tests.editorial_helpers import role_users
from tests.l10n import french_tree


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_role_sees_its_panels(client, site, taxonomy):
    french_tree(site)
    users = role_users()
    factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["justice"]],
        tags=["multi-agency"],
    )
    draft = factories.practice(site["practices"], "Editor's draft", live=False)
    draft.owner = users["editor"]
    draft.save()

    editor = dashboard(client, users["editor"])
    assert "My drafts (1)" in editor and "Editor&#x27;s draft" in editor
    assert "Translations to do" not in editor

    moderator = dashboard(client, users["moderator"])
    assert "Awaiting review (0)" in moderator and "My drafts" not in moderator

    translator = dashboard(client, users["translator"])
    assert "Translations to do (1)" in translator
    assert "Barnahus → French" in translator
    assert "Awaiting review" not in translator


def test_admin_pages_request_no_other_origin(client, site):
    from tests.editorial_helpers import make_user

    admin = make_user("admin", superuser=True)
    html = dashboard(client, admin)
    assert "gravatar" not in html.lower()
    assert "My drafts" in html and "Translations to do" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as BROWSER_MARKS
def test_admin_pages_load_nothing_from_another_origin(live_server, browser_page):
    from tests import factories
    from tests.browser_support import log_in
    from tests.editorial_helpers import make_user

    factories.build_site()
    make_user("chief", superuser=True)
    page = browser_page
    log_in(page, live_server.url, "chief")
    for path in ["/admin/", "/admin/pages/", "/admin/users/", "/admin/account/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert page.external_requests == []
    assert page.locator("img[src*='gravatar']").count() == 0
