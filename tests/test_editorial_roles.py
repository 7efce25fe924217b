"""Roles and the review workflow are data: the setup command creates them, idempotently."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowPage

from editorial.setup import (
    EDITORS,
    MODERATORS,
    PRACTICE_REVIEW,
    TRANSLATION_REVIEW,
    TRANSLATORS,
    WORKFLOWS,
)
from practices.models import PracticeIndexPage


def snapshot():
    """Everything the setup owns, as plain comparable values."""
    groups = {}
    for group in Group.objects.filter(name__in=[EDITORS, MODERATORS, TRANSLATORS]):
        groups[group.name] = {
            "pk": group.pk,
            "permissions": sorted(
                f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
            ),
            "pages": sorted(
                (grant.page_id, grant.permission.codename)
                for grant in GroupPagePermission.objects.filter(group=group)
            ),
        }
    workflows = {}
    for name in WORKFLOWS:
        workflow = Workflow.objects.get(name=name)
        workflows[name] = {
            "count": Workflow.objects.filter(name=name).count(),
            "tasks": [
                (task.pk, task.name, sorted(task.specific.groups.values_list("name", flat=True)))
                for task in workflow.tasks
            ],
            "pages": sorted(
                WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)
            ),
        }
    return {"groups": groups, "workflows": workflows}


@pytest.fixture
def french_tree(site):
    french = Locale.objects.get(language_code="fr")
    home = site["home"].copy_for_translation(french)
    practices = site["practices"].copy_for_translation(french)
    return {"home": home, "practices": practices}


def test_setup_creates_the_roles_and_the_workflow(site):
    call_command("setup_editorial")
    state = snapshot()

    assert set(state["groups"]) == {EDITORS, MODERATORS, TRANSLATORS}
    editors, moderators = state["groups"][EDITORS], state["groups"][MODERATORS]
    home = site["home"].pk
    # Wagtail's own root-level grants are replaced: editors work in the default locale's tree.
    assert editors["pages"] == [(home, "add_page"), (home, "change_page")]
    assert (home, "publish_page") in moderators["pages"]
    assert "taxonomy.change_theme" in editors["permissions"]
    assert "submissions.change_submission" in moderators["permissions"]
    assert "submissions.view_submission" not in editors["permissions"]
    # No other locale's tree exists yet, so translators have no page permission.
    assert state["groups"][TRANSLATORS]["pages"] == []
    assert "wagtail_localize.submit_translation" in state["groups"][TRANSLATORS]["permissions"]

    practice_review = state["workflows"][PRACTICE_REVIEW]
    assert [(name, groups) for _pk, name, groups in practice_review["tasks"]] == [
        ("Editorial review", [MODERATORS]),
        ("Source check", [MODERATORS]),
    ]
    assert practice_review["pages"] == sorted([site["practices"].pk, site["countries"].pk])
    assert site["practices"].get_workflow().name == PRACTICE_REVIEW
    translation_review = state["workflows"][TRANSLATION_REVIEW]
    assert [(name, groups) for _pk, name, groups in translation_review["tasks"]] == [
        ("Translation review", [MODERATORS])
    ]
    assert translation_review["pages"] == []


def test_setup_twice_changes_nothing(site):
    call_command("setup_editorial")
    first = snapshot()
    call_command("setup_editorial")
    assert snapshot() == first


def test_setup_reaches_other_locales_trees_when_they_appear(site, french_tree):
    call_command("setup_editorial")
    state = snapshot()
    french_home = french_tree["home"].pk
    assert state["groups"][TRANSLATORS]["pages"] == [
        (french_home, "add_page"),
        (french_home, "change_page"),
    ]
    assert all(page != french_home for page, _ in state["groups"][EDITORS]["pages"])
    # Moderators review and publish translations.
    assert (french_home, "publish_page") in state["groups"][MODERATORS]["pages"]
    assert state["workflows"][TRANSLATION_REVIEW]["pages"] == [french_tree["practices"].pk]
    assert french_tree["practices"].pk not in state["workflows"][PRACTICE_REVIEW]["pages"]
    assert PracticeIndexPage.objects.get(pk=french_tree["practices"].pk).get_workflow().name == (
        TRANSLATION_REVIEW
    )
    call_command("setup_editorial")
    assert snapshot() == state
