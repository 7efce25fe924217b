"""The review step of the "Practice review" workflow."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from practices.models import PracticePage
from practices.publication import ensure_publishable


class PracticeReviewTask(GroupApprovalTask):
    """A group approval step that refuses to approve a practice that may not be published.

    Wagtail's group approval records the approval, moves the workflow on and, at the last
    step, publishes, in that order; a refusal at publication would come after the approval.
    This step checks the publication rules on the revision under review first, so approving
    from the dashboard, the edit view or anywhere else either goes through whole or changes
    nothing (``PublicationRefused`` is shown to the reviewer by ``editorial.middleware``).
    """

    class Meta:
        proxy = True
        verbose_name = _("practice review task")
        verbose_name_plural = _("practice review tasks")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.id:
            # A proxy has its own content type, so that ``Task.specific`` finds this class.
            self.content_type = ContentType.objects.get_for_model(
                PracticeReviewTask, for_concrete_model=False
            )

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            revision = task_state.workflow_state.content_object.get_latest_revision()
            under_review = revision.as_object()
            if isinstance(under_review, PracticePage):
                ensure_publishable(under_review)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve this step; a practice that does not meet "
            "the publication rules cannot be approved"
        )
