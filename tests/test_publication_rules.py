"""The publication rules hold on every route that can make a practice live.

A practice needs at least one MNR capability, one theme and one source. Each test below takes
one route of the admin (or a command) as a moderator or an administrator would, through the
real URLs, with a practice that breaks the rules, and checks that it is refused before anything
changed, with the reason shown in the admin's own style.
"""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from practices.models import PracticePage
from practices.publication import publication_problems
from tests import factories
from tests.editorial_helpers import (
    add_evidence,
    edit_form_data,
    make_user,
    post_edit,
    post_form,
    role_users,
    workflow_action,
)
from tests.l10n import french, french_tree

NEEDS_CAPABILITY = "It needs an MNR capability."


@pytest.fixture
def users(site):
    users = role_users()
    users["admin"] = make_user("admin", superuser=True)
    return users


@pytest.fixture
def untagged(site, taxonomy):
    """A draft with a theme and a source but no capability."""
    return factories.practice(
        site["practices"], "No capability", themes=[taxonomy["justice"]], live=False
    )


@pytest.fixture
def tagged(site, taxonomy):
    """A draft that meets the rules."""
    return factories.practice(
        site["practices"],
        "Fully tagged",
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
        live=False,
    )


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def published_log(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def assert_refused(response, page, reason=NEEDS_CAPABILITY):
    """The page did not go live; redirected back with the reason as an error message."""
    page.refresh_from_db()
    assert not page.live, "the practice went live"
    assert not published_log(page)
    assert response.status_code == 302, response.status_code
    errors = error_messages(response)
    assert any(reason in message for message in errors), errors


def submit(client, page, editor):
    client.force_login(editor)
    assert post_edit(client, page, {"action-submit": "1"}).status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


# The rules themselves ----------------------------------------------------------------------------


def test_the_rules_read_a_revision_with_its_relations(site, taxonomy, untagged):
    revision = untagged.get_latest_revision()
    assert [str(p.need) for p in publication_problems(revision.as_object())] == [
        "an MNR capability"
    ]
    untagged.capabilities.set([taxonomy["cap5"]])
    untagged.themes.set([])
    untagged.sources = []
    revision = untagged.save_revision()
    assert [str(p.need) for p in publication_problems(revision.as_object())] == [
        "a theme",
        "a source",
        "evidence (a quote from the report) for MNR capability 5",
    ]


def test_publishing_a_revision_directly_is_refused(untagged):
    from practices.publication import PublicationRefused

    with pytest.raises(PublicationRefused, match=NEEDS_CAPABILITY):
        untagged.get_latest_revision().publish()
    untagged.refresh_from_db()
    assert not untagged.live


# Workflow approval from the dashboard's review panel ---------------------------------------------


def test_approving_step_one_from_the_dashboard_is_refused(client, users, untagged):
    submit(client, untagged, users["editor"])
    client.force_login(users["moderator"])

    response = workflow_action(client, untagged, "approve")

    assert_refused(response, untagged)
    untagged.refresh_from_db()
    assert untagged.current_workflow_task.name == "Editorial review"
    assert not TaskState.objects.filter(
        workflow_state__object_id=str(untagged.pk), status=TaskState.STATUS_APPROVED
    ).exists()


def test_approving_step_two_from_the_dashboard_is_refused_and_nothing_half_done(
    client, taxonomy, users, tagged
):
    submit(client, tagged, users["editor"])
    client.force_login(users["moderator"])
    assert workflow_action(client, tagged, "approve").status_code == 302
    tagged.refresh_from_db()
    assert tagged.current_workflow_task.name == "Source check"
    # The reviewer saves a draft without the capability while the review is at step 2.
    assert post_edit(client, tagged, {"capabilities": []}).status_code == 302

    response = workflow_action(client, tagged, "approve", "Looks fine.")

    assert_refused(response, tagged)
    tagged.refresh_from_db()
    state = tagged.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert tagged.current_workflow_task.name == "Source check"


def test_approving_by_ajax_from_the_review_modal_is_refused(client, users, untagged):
    submit(client, untagged, users["editor"])
    client.force_login(users["moderator"])
    untagged.refresh_from_db()
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[untagged.pk, "approve", untagged.current_workflow_task_state.pk],
    )

    response = client.post(url, {"comment": "ok"}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "success"
    assert any(NEEDS_CAPABILITY in m for m in error_messages(response))
    untagged.refresh_from_db()
    assert not untagged.live
    assert untagged.current_workflow_task.name == "Editorial review"


def test_approving_a_complete_practice_still_publishes(client, users, tagged):
    submit(client, tagged, users["editor"])
    client.force_login(users["moderator"])
    assert workflow_action(client, tagged, "approve").status_code == 302
    assert workflow_action(client, tagged, "approve").status_code == 302
    tagged.refresh_from_db()
    assert tagged.live


# Bulk publish ------------------------------------------------------------------------------------


def bulk_publish(client, *pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}", {})


def test_bulk_publish_is_refused(client, users, untagged, tagged):
    client.force_login(users["moderator"])

    response = bulk_publish(client, tagged, untagged)

    assert_refused(response, untagged)
    tagged.refresh_from_db()
    assert not tagged.live  # the batch is refused whole: nothing half published


def test_a_draft_without_capability_and_theme_cannot_be_bulk_published(
    client, users, site, taxonomy
):
    page = factories.practice(
        site["practices"],
        "Live and tagged",
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
    )
    page.refresh_from_db()
    live_revision = page.live_revision_id
    client.force_login(users["editor"])
    assert post_edit(client, page, {"capabilities": [], "themes": []}).status_code == 302
    client.force_login(users["moderator"])

    response = bulk_publish(client, page)

    assert response.status_code == 302
    assert any(
        "It needs an MNR capability, a theme." in message for message in error_messages(response)
    )
    page.refresh_from_db()
    assert page.live and page.live_revision_id == live_revision
    assert page.has_unpublished_changes
    assert list(page.capabilities.values_list("number", flat=True)) == [5]


def test_bulk_publish_of_complete_practices_still_works(client, users, tagged):
    client.force_login(users["moderator"])
    assert bulk_publish(client, tagged).status_code == 302
    tagged.refresh_from_db()
    assert tagged.live


# The admin API -----------------------------------------------------------------------------------


def api_action(client, page, action, data=None):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        json.dumps(data or {}),
        content_type="application/json",
    )


def test_publishing_through_the_admin_api_is_refused(client, users, untagged):
    client.force_login(users["moderator"])

    response = api_action(client, untagged, "publish")

    assert response.status_code == 400
    assert NEEDS_CAPABILITY in response.content.decode()
    untagged.refresh_from_db()
    assert not untagged.live


def test_publishing_a_complete_practice_through_the_admin_api_works(client, users, tagged):
    client.force_login(users["moderator"])
    assert api_action(client, tagged, "publish").status_code == 200
    tagged.refresh_from_db()
    assert tagged.live


# Copy with publish -------------------------------------------------------------------------------


@pytest.fixture
def live_untagged(site, taxonomy):
    """A live practice with no capability, as the loader published them before the rules."""
    return factories.practice(site["practices"], "Published long ago", themes=[taxonomy["justice"]])


def test_copy_with_publish_of_a_practice_without_capability_is_refused(
    client, site, users, live_untagged
):
    assert live_untagged.live
    client.force_login(users["moderator"])

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live_untagged.pk]),
        {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": site["practices"].pk,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    assert any(NEEDS_CAPABILITY in m for m in error_messages(response)), error_messages(response)
    assert not PracticePage.objects.filter(slug="copy").exists()


def test_copy_without_publish_is_allowed(client, site, users, live_untagged):
    client.force_login(users["moderator"])
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[live_untagged.pk]),
        {"new_title": "Copy", "new_slug": "copy", "new_parent_page": site["practices"].pk},
    )
    assert response.status_code == 302
    assert not PracticePage.objects.get(slug="copy").live


def test_copy_through_the_admin_api_keeping_it_live_is_refused(client, users, live_untagged):
    client.force_login(users["moderator"])

    response = api_action(client, live_untagged, "copy", {"slug": "api-copy"})

    assert response.status_code == 400
    assert NEEDS_CAPABILITY in response.content.decode()
    assert not PracticePage.objects.filter(slug="api-copy").exists()
    response = api_action(client, live_untagged, "copy", {"slug": "api-copy", "keep_live": False})
    assert response.status_code == 201
    assert not PracticePage.objects.get(slug="api-copy").live


# Revert and publish ------------------------------------------------------------------------------


def test_publishing_an_old_revision_without_capability_is_refused(
    client, taxonomy, users, untagged
):
    old_revision = untagged.get_latest_revision()
    client.force_login(users["moderator"])
    data = edit_form_data(
        client, untagged, {"capabilities": [taxonomy["cap5"].pk], "action-publish": "1"}
    )
    add_evidence(data, "capability", 5, "No capability is capability 5.")
    response = post_form(client, reverse("wagtailadmin_pages:edit", args=[untagged.pk]), data)
    assert response.status_code == 302
    untagged.refresh_from_db()
    assert untagged.live
    live_revision = untagged.live_revision_id

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[untagged.pk, old_revision.pk])
    data = edit_form_data(client, untagged, {"action-publish": "1"}, url=revert_url)
    assert data.getlist("capabilities") == []  # the form holds the old revision
    response = post_form(client, revert_url, data)

    assert response.status_code == 200
    assert NEEDS_CAPABILITY in response.content.decode()
    untagged.refresh_from_db()
    assert untagged.live_revision_id == live_revision
    assert list(untagged.capabilities.all()) == [taxonomy["cap5"]]


# Scheduled publishing ----------------------------------------------------------------------------


def schedule(page, minutes_ago=5):
    """Schedule ``page``'s latest revision as if it had been approved for a time now past."""
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    revision.save(update_fields=["approved_go_live_at"])
    return revision


def test_scheduled_publishing_refuses_a_practice_that_breaks_the_rules(capsys, untagged, tagged):
    refused, published = schedule(untagged, 10), schedule(tagged, 5)

    call_command("publish_scheduled")

    untagged.refresh_from_db()
    tagged.refresh_from_db()
    assert not untagged.live and tagged.live
    refused.refresh_from_db()
    assert refused.approved_go_live_at is None  # not tried again every run
    published.refresh_from_db()
    assert tagged.live_revision_id == published.pk
    entry = PageLogEntry.objects.get(page=untagged, action="editorial.publication_refused")
    assert NEEDS_CAPABILITY in entry.message
    assert entry.revision_id == refused.pk
    captured = capsys.readouterr()
    assert "No capability" in captured.err and NEEDS_CAPABILITY in captured.err


def test_the_refusal_shows_in_the_page_history(client, users, untagged):
    schedule(untagged)
    call_command("publish_scheduled")
    client.force_login(users["moderator"])

    response = client.get(reverse("wagtailadmin_pages:history", args=[untagged.pk]))

    assert response.status_code == 200
    assert "Scheduled publication refused" in response.content.decode()


def test_dry_run_lists_refusals_without_changing_anything(capsys, untagged):
    revision = schedule(untagged)
    call_command("publish_scheduled", dryrun=True)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert "No capability" in capsys.readouterr().out


# wagtail-localize's publish routes ---------------------------------------------------------------

localize_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def french_draft(site, taxonomy, live_untagged):
    """A French translation (a draft) of a live English practice that has no capability."""
    french_tree(site)
    source, _created = TranslationSource.get_or_create_from_instance(live_untagged)
    translation = Translation.objects.create(source=source, target_locale=french())
    translation.save_target(publish=False)
    page = live_untagged.get_translation(french())
    assert not page.live
    return translation, page


@localize_db
def test_publishing_a_translation_in_the_localize_editor_is_refused(client, users, french_draft):
    _translation, page = french_draft
    client.force_login(users["admin"])

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )

    assert_refused(response, page)


@localize_db
def test_sync_translated_pages_with_publish_is_refused(client, users, french_draft):
    translation, page = french_draft
    client.force_login(users["admin"])

    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": "on"},
    )

    assert_refused(response, page)
