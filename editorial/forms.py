"""Publication rules for practices, enforced in the admin's editorial path.

A practice is published only with at least one MNR capability, one theme and one source. The
rule applies when someone who may publish asks the admin to publish, or when a reviewer approves
a workflow step from the edit view. (Approving from the dashboard's "Awaiting your review" panel
posts to Wagtail's workflow-action view, which does not use this form, so it is not checked
there.) Plain saves, drafts and submissions for moderation are not blocked, and neither is
the content loader, which publishes the report's practices as the report gives them (some, from
the COVID-19 epilogue, have no capability).
"""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from practices.forms import PracticeForm, kept_forms

MISSING_LABELS = {
    "capabilities": _("an MNR capability"),
    "themes": _("a theme"),
    "sources": _("a source"),
}


def missing_for_publication(capabilities, themes, source_count):
    """The names of the requirements a practice does not meet (empty when it may be published)."""
    missing = []
    if not capabilities:
        missing.append("capabilities")
    if not themes:
        missing.append("themes")
    if not source_count:
        missing.append("sources")
    return missing


class PracticePageForm(PracticeForm):
    def publication_requested(self):
        data = self.data
        if data.get("action-workflow-action") and data.get("workflow-action-name") == "approve":
            return True
        if not data.get("action-publish") or self.for_user is None:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        parent = getattr(self, "parent_page", None)
        return parent is not None and parent.permissions_for_user(self.for_user).can_publish()

    def kept_source_count(self):
        formset = self.formsets.get("sources")
        if formset is None:
            return self.instance.sources.count()
        return sum(1 for form in kept_forms(formset) if form.cleaned_data.get("label"))

    def clean(self):
        cleaned_data = super().clean()
        if not self.publication_requested():
            return cleaned_data
        missing = missing_for_publication(
            cleaned_data.get("capabilities"),
            cleaned_data.get("themes"),
            self.kept_source_count(),
        )
        for name in missing:
            if name in self.fields:
                self.add_error(
                    name,
                    format_lazy(_("Needed to publish: add {what}."), what=MISSING_LABELS[name]),
                )
        if missing:
            raise ValidationError(
                format_lazy(
                    _("This practice cannot be published yet. It needs {what}."),
                    what=", ".join(str(MISSING_LABELS[name]) for name in missing),
                ),
                code="publication_rules",
            )
        return cleaned_data
