"""The "Practice review" workflow and the publication rules, through the Wagtail admin."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from editorial.freshness import months_before, practices_due_for_review
from tests import factories
from tests.editorial_helpers import assert_denied, post_edit, role_users, workflow_action


@pytest.fixture
def users(site):
    return role_users()


@pytest.fixture
def draft(site, taxonomy, users):
    page = factories.practice(
        site["practices"],
        "Helpline",
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        live=False,
    )
    page.owner = users["editor"]
    page.save(update_fields=["owner"])
    return page


def actions_logged(page):
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )


def test_submit_reject_resubmit_approve_twice_publishes(client, draft, users):
    editor, moderator = users["editor"], users["moderator"]

    client.force_login(editor)
    response = post_edit(client, draft, {"action-submit": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress
    assert draft.current_workflow_task.name == "Editorial review"
    # Editors cannot act on the review themselves.
    assert_denied(workflow_action(client, draft, "approve"))
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == "Editorial review"

    client.force_login(moderator)
    mail.outbox.clear()
    response = workflow_action(client, draft, "reject", "Figure 3 needs its source.")
    assert response.status_code == 302
    # The author hears about it, with the reviewer's comment.
    to_author = [message for message in mail.outbox if message.to == ["editor@example.org"]]
    assert to_author and "Figure 3 needs its source." in to_author[0].body
    draft.refresh_from_db()
    state = draft.workflow_states.order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_REJECTED)
    assert rejected.comment == "Figure 3 needs its source."
    assert not draft.live

    client.force_login(editor)
    response = post_edit(client, draft, {"summary": "Now with its source.", "action-submit": "1"})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    assert workflow_action(client, draft, "approve").status_code == 302
    draft.refresh_from_db()
    assert draft.current_workflow_task.name == "Source check"
    assert not draft.live
    assert workflow_action(client, draft, "approve", "Sources checked.").status_code == 302

    draft.refresh_from_db()
    assert draft.live
    assert draft.summary == "Now with its source."
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    log = actions_logged(draft)
    for entry in [
        ("wagtail.workflow.start", "editor"),
        ("wagtail.workflow.reject", "moderator"),
        ("wagtail.workflow.resume", "editor"),
        ("wagtail.workflow.approve", "moderator"),
        ("wagtail.publish", "moderator"),
    ]:
        assert entry in log, (entry, log)
    assert log.count(("wagtail.workflow.approve", "moderator")) == 2
    # The history page shows it to editors.
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk]))
    assert history.status_code == 200


def test_moderator_publication_needs_capability_theme_and_source(client, site, users):
    page = factories.practice(site["practices"], "Untagged", live=False)
    client.force_login(users["moderator"])

    response = post_edit(
        client,
        page,
        {"action-publish": "1", "sources-0-DELETE": "1"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "It needs an MNR capability, a theme, a source." in html
    page.refresh_from_db()
    assert not page.live


def test_publication_names_only_what_is_missing(client, site, taxonomy, users):
    page = factories.practice(
        site["practices"], "Half tagged", capabilities=[taxonomy["cap5"]], live=False
    )
    client.force_login(users["moderator"])

    response = post_edit(client, page, {"action-publish": "1"})
    assert response.status_code == 200
    assert "It needs a theme." in response.content.decode()

    response = post_edit(client, page, {"action-publish": "1", "themes": [taxonomy["justice"].pk]})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_drafts_and_submissions_are_not_blocked_by_the_rules(client, site, users):
    page = factories.practice(site["practices"], "Work in progress", live=False)
    client.force_login(users["editor"])
    response = post_edit(client, page, {"title": "Still in progress"})
    assert response.status_code == 302
    response = post_edit(client, page, {"action-submit": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_approving_from_the_edit_view_applies_the_rules(client, site, taxonomy, users):
    page = factories.practice(
        site["practices"], "No theme", capabilities=[taxonomy["cap5"]], live=False
    )
    client.force_login(users["editor"])
    post_edit(client, page, {"action-submit": "1"})
    client.force_login(users["moderator"])

    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    response = post_edit(client, page, approve)
    assert response.status_code == 200
    assert "It needs a theme." in response.content.decode()
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Editorial review"

    response = post_edit(client, page, {**approve, "themes": [taxonomy["justice"].pk]})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.name == "Source check"


def test_months_before_handles_short_months():
    assert months_before(datetime.date(2026, 11, 28), 24) == datetime.date(2024, 11, 28)
    assert months_before(datetime.date(2026, 2, 28), 24) == datetime.date(2024, 2, 28)
    assert months_before(datetime.date(2024, 2, 29), 12) == datetime.date(2023, 2, 28)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)


def test_report_lists_practices_not_reviewed_for_24_months_oldest_first(
    client, site, taxonomy, users
):
    today = datetime.date.today()
    make = factories.practice
    make(site["practices"], "Recent", reviewed=today)
    make(site["practices"], "Old", reviewed=months_before(today, 30))
    make(site["practices"], "Older", reviewed=months_before(today, 60))
    make(site["practices"], "Just due", reviewed=months_before(today, 24))
    tagged = {"capabilities": [taxonomy["cap5"]], "themes": [taxonomy["justice"]]}
    never = make(site["practices"], "Never", **tagged)
    never.last_reviewed = None
    never.save_revision().publish()

    assert [p.title for p in practices_due_for_review()] == ["Never", "Older", "Old", "Just due"]

    client.force_login(users["editor"])
    response = client.get(reverse("editorial_due_for_review"))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(title) for title in ("Never", "Older", "Old", "Just due")]
    assert positions == sorted(positions)
    assert [p.title for p in response.context["object_list"]] == [
        "Never",
        "Older",
        "Old",
        "Just due",
    ]
