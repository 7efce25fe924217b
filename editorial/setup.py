"""Editorial roles and the review workflows, kept as data and applied idempotently.

``setup_editorial()`` runs at the end of ``load_content`` (and alone as ``setup_editorial``).
Each run makes the database match the data below exactly: the groups' model permissions, their
page permissions (which pages and which actions) and the two review workflows with their tasks:
"Practice review" for the default locale's practices and countries, "Translation review" for
every other locale's. Running it twice changes nothing; running it after a new language's
pages appear (``load_content`` does, or ``manage.py setup_editorial``) extends the roles' and
the workflows' reach to them.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import PracticeReviewTask

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"

# Page permissions apply to a subtree; "default" is the default locale's home page, "other"
# every other locale's home page (each locale is a separate tree under the root), "all" both.
DEFAULT_LOCALE_TREE = "default"
OTHER_LOCALE_TREES = "other"
ALL_LOCALE_TREES = "all"


@dataclass(frozen=True)
class ReviewWorkflow:
    # (task name, approving groups), in order.
    tasks: list
    page_trees: str


PRACTICE_REVIEW = "Practice review"
TRANSLATION_REVIEW = "Translation review"
WORKFLOW_NAME = PRACTICE_REVIEW
WORKFLOWS = {
    PRACTICE_REVIEW: ReviewWorkflow(
        tasks=[("Editorial review", [MODERATORS]), ("Source check", [MODERATORS])],
        page_trees=DEFAULT_LOCALE_TREE,
    ),
    # A translation keeps its source's facts and sources; its review is of the language.
    TRANSLATION_REVIEW: ReviewWorkflow(
        tasks=[("Translation review", [MODERATORS])],
        page_trees=OTHER_LOCALE_TREES,
    ),
}

# The snippets grouped under the admin's "Taxonomy" menu.
TAXONOMY_MODELS = [
    "taxonomy.theme",
    "taxonomy.capability",
    "taxonomy.treatyarticle",
    "taxonomy.targetgroup",
    "countries.country",
    "report.recommendation",
]


def model_permissions(actions, models=TAXONOMY_MODELS):
    return [
        f"{model.split('.')[0]}.{action}_{model.split('.')[1]}"
        for model in models
        for action in actions
    ]


# What editors tune in the search (search_tuning): synonyms and promoted results.
SEARCH_TUNING_PERMISSIONS = model_permissions(
    ["add", "change", "delete", "view"],
    ["search_tuning.synonym", "wagtailsearchpromotions.searchpromotion"],
)


@dataclass(frozen=True)
class Role:
    permissions: list = field(default_factory=list)
    page_permissions: list = field(default_factory=list)
    page_trees: str = DEFAULT_LOCALE_TREE


ROLES = {
    EDITORS: Role(
        permissions=[
            "wagtailadmin.access_admin",
            *model_permissions(["add", "change", "view"]),
            *SEARCH_TUNING_PERMISSIONS,
        ],
        # No publish: editors submit for moderation; without publish they cannot unpublish, and
        # Wagtail lets them delete only their own pages that were never published.
        page_permissions=["add_page", "change_page"],
    ),
    MODERATORS: Role(
        permissions=[
            "wagtailadmin.access_admin",
            *model_permissions(["add", "change", "delete", "view"]),
            *SEARCH_TUNING_PERMISSIONS,
            "submissions.view_submission",
            "submissions.change_submission",
            "submissions.delete_submission",
            # They also start and sync translations, and may publish a sync.
            "wagtail_localize.submit_translation",
        ],
        # publish_page covers publishing, unpublishing and scheduling; moderators review and
        # publish every language's pages.
        page_permissions=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        page_trees=ALL_LOCALE_TREES,
    ),
    TRANSLATORS: Role(
        permissions=[
            "wagtailadmin.access_admin",
            "wagtail_localize.submit_translation",
            # Default-locale rows are refused to translators by editorial.wagtail_hooks.
            *model_permissions(["change", "view"]),
        ],
        page_permissions=["add_page", "change_page"],
        page_trees=OTHER_LOCALE_TREES,
    ),
}


def get_permission(dotted):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def in_trees(pages, which):
    """The ``pages`` of the default locale, of every other locale, or all of them."""
    if which == ALL_LOCALE_TREES:
        return list(pages)
    default_id = Locale.get_default().pk
    if which == DEFAULT_LOCALE_TREE:
        return [page for page in pages if page.locale_id == default_id]
    return [page for page in pages if page.locale_id != default_id]


def locale_home_pages(which):
    """Home pages (children of the root) of the default locale, of every other locale, or all."""
    return in_trees(Page.get_first_root_node().get_children(), which)


def setup_roles():
    """Create or update the three groups; return them by name."""
    groups = {}
    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set([get_permission(dotted) for dotted in role.permissions])
        wanted = {
            (page.pk, get_permission(f"wagtailcore.{codename}").pk)
            for page in locale_home_pages(role.page_trees)
            for codename in role.page_permissions
        }
        existing = {
            (grant.page_id, grant.permission_id): grant
            for grant in GroupPagePermission.objects.filter(group=group)
        }
        for key, grant in existing.items():
            if key not in wanted:
                grant.delete()
        for page_id, permission_id in wanted - existing.keys():
            GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission_id=permission_id
            )
        groups[name] = group
    return groups


def review_pages(which):
    """The practice and country indexes of ``which`` locale trees: where a workflow applies."""
    from countries.models import CountryIndexPage
    from practices.models import PracticeIndexPage

    return in_trees([*PracticeIndexPage.objects.all(), *CountryIndexPage.objects.all()], which)


def review_task(name):
    """The review step called ``name``, as a PracticeReviewTask.

    A step made by an earlier version as a plain GroupApprovalTask becomes one in place (same
    row, new type), so that reviews in progress carry on.
    """
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        return PracticeReviewTask.objects.create(name=name)
    review_type = ContentType.objects.get_for_model(PracticeReviewTask, for_concrete_model=False)
    if task.content_type_id != review_type.pk:
        GroupApprovalTask.objects.filter(pk=task.pk).update(content_type=review_type)
    return PracticeReviewTask.objects.get(pk=task.pk)


def setup_workflow(name, review, groups):
    """Create or update one workflow, its tasks, and the index pages it applies to.

    Only what differs is written, so running it again changes nothing.
    """
    workflow, _created = Workflow.objects.get_or_create(name=name)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    tasks = []
    for order, (task_name, group_names) in enumerate(review.tasks):
        task = review_task(task_name)
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        wanted_groups = {groups[group].pk for group in group_names}
        if set(task.groups.values_list("pk", flat=True)) != wanted_groups:
            task.groups.set(wanted_groups)
        step = WorkflowTask.objects.filter(workflow=workflow, task=task).first()
        if step is None:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        elif step.sort_order != order:
            step.sort_order = order
            step.save(update_fields=["sort_order"])
        tasks.append(task)
    stale_steps = WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=tasks)
    if stale_steps.exists():
        stale_steps.delete()
    assigned = dict(WorkflowPage.objects.values_list("page_id", "workflow_id"))
    for page in review_pages(review.page_trees):
        if page.pk not in assigned:
            WorkflowPage.objects.create(page=page, workflow=workflow)
        elif assigned[page.pk] != workflow.pk:
            WorkflowPage.objects.filter(page=page).update(workflow=workflow)
    return workflow


def setup_workflows(groups):
    return {name: setup_workflow(name, review, groups) for name, review in WORKFLOWS.items()}


@transaction.atomic
def setup_editorial():
    groups = setup_roles()
    workflows = setup_workflows(groups)
    return groups, workflows
