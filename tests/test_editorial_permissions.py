"""The permission matrix, through real HTTP requests to the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from practices.models import PracticePage
from taxonomy.models import Theme
from tests import factories
from tests.editorial_helpers import assert_denied, make_user, post_edit, role_users


@pytest.fixture
def users(site):
    return role_users()


@pytest.fixture
def practices(site, taxonomy):
    tagged = {"capabilities": [taxonomy["cap5"]], "themes": [taxonomy["justice"]]}
    return {
        "live": factories.practice(site["practices"], "Live practice", **tagged),
        "draft": factories.practice(site["practices"], "Draft practice", live=False, **tagged),
    }


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_editor_edits_but_cannot_publish(client, users, practices):
    draft = practices["draft"]
    client.force_login(users["editor"])
    assert client.get(edit_url(draft)).status_code == 200

    response = post_edit(client, draft, {"title": "Edited by the editor", "action-publish": "1"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision_as_object().title == "Edited by the editor"
    assert not draft.permissions_for_user(users["editor"]).can_publish()


def test_editor_cannot_unpublish_or_delete_a_published_practice(client, users, practices):
    live = practices["live"]
    client.force_login(users["editor"])
    for url_name in ("wagtailadmin_pages:unpublish", "wagtailadmin_pages:delete"):
        assert_denied(client.get(reverse(url_name, args=[live.pk])))
        assert_denied(client.post(reverse(url_name, args=[live.pk])))
    live.refresh_from_db()
    assert live.live


def test_moderator_publishes_and_unpublishes(client, users, practices):
    draft, live = practices["draft"], practices["live"]
    client.force_login(users["moderator"])

    response = post_edit(client, draft, {"action-publish": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[live.pk]))
    assert response.status_code == 302
    live.refresh_from_db()
    assert not live.live


def test_translator_cannot_edit_english_pages_but_edits_french_ones(client, site, practices):
    french = Locale.objects.get(language_code="fr")
    french_home = site["home"].copy_for_translation(french)
    french_index = site["practices"].copy_for_translation(french)
    french_practice = practices["live"].copy_for_translation(french)
    users = role_users()  # after the French tree exists, as load_content runs it
    client.force_login(users["translator"])

    for english in (practices["live"], site["practices"], site["home"]):
        assert_denied(client.get(edit_url(english)))
    response = post_edit(client, french_practice, {"title": "Pratique"})
    assert response["Location"] == edit_url(french_practice)
    french_practice.refresh_from_db()
    assert french_practice.get_latest_revision_as_object().title == "Pratique"
    assert PracticePage.objects.get(pk=practices["live"].pk).title == "Live practice"
    assert client.get(edit_url(french_index)).status_code == 200
    assert client.get(edit_url(french_home)).status_code == 200


def test_translator_edits_only_translated_taxonomy_rows(client, users, taxonomy):
    english = taxonomy["justice"]
    french = english.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.save()
    client.force_login(users["translator"])

    def edit(theme):
        return reverse("wagtailsnippets_taxonomy_theme:edit", args=[theme.pk])

    assert_denied(client.get(edit(english)))
    assert_denied(client.post(edit(english), {"key": english.key, "name": "Hijacked"}))
    assert Theme.objects.get(pk=english.pk).name == "Child-friendly justice"

    assert client.get(edit(french)).status_code == 200
    response = client.post(
        edit(french), {"key": french.key, "name": "Justice adaptée aux enfants", "sort_order": 0}
    )
    assert response.status_code == 302
    assert Theme.objects.get(pk=french.pk).name == "Justice adaptée aux enfants"


def test_editor_edits_source_language_taxonomy(client, users, taxonomy):
    english = taxonomy["victims"]
    client.force_login(users["editor"])
    response = client.post(
        reverse("wagtailsnippets_taxonomy_theme:edit", args=[english.pk]),
        {"key": english.key, "name": "Support for victims", "sort_order": 0},
    )
    assert response.status_code == 302
    assert Theme.objects.get(pk=english.pk).name == "Support for victims"


def test_taxonomy_snippets_are_grouped_under_one_menu(client, users):
    client.force_login(users["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Taxonomy" in html
    for url_name in (
        "wagtailsnippets_taxonomy_capability:list",
        "wagtailsnippets_countries_country:list",
        "wagtailsnippets_report_recommendation:list",
    ):
        assert client.get(reverse(url_name)).status_code == 200


def test_anonymous_users_never_see_drafts_or_the_admin(client, users, practices):
    draft = practices["draft"]
    draft_url = draft.get_parent().url + draft.slug + "/"
    assert client.get(draft_url).status_code == 404
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        edit_url(draft),
        reverse("practice_listing:index"),
        reverse("submission_admin:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_admin_practice_listing_filters(client, site, taxonomy, users):
    old = factories.practice(
        site["practices"],
        "Old practice",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        reviewed=factories.datetime.date(2020, 1, 1),
    )
    fresh = factories.practice(
        site["practices"],
        "Fresh practice",
        countries=[taxonomy["NO"]],
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
    )
    client.force_login(users["editor"])
    url = reverse("practice_listing:index")

    def titles(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {page.title for page in response.context["pages"]}

    assert titles() == {"Old practice", "Fresh practice"}
    assert titles(country=taxonomy["IS"].pk) == {"Old practice"}
    assert titles(capability=taxonomy["cap5"].pk) == {"Fresh practice"}
    assert titles(theme=taxonomy["victims"].pk) == {"Old practice"}
    assert titles(last_reviewed="due") == {"Old practice"}
    assert titles(last_reviewed="recent") == {"Fresh practice"}

    post_edit(client, fresh, {"action-submit": "1"})
    assert titles(workflow_state="in_progress") == {"Fresh practice"}
    assert titles(workflow_state="none") == {"Old practice"}
    assert old.pk != fresh.pk


def test_only_moderators_and_administrators_see_submissions(client, users):
    url = reverse("submission_admin:index")
    for name in ("editor", "translator"):
        client.force_login(users[name])
        assert_denied(client.get(url))
    client.force_login(users["moderator"])
    assert client.get(url).status_code == 200
    client.force_login(make_user("root", superuser=True))
    assert client.get(url).status_code == 200
