"""The practice edit form: the publication rules as field errors, before anything is saved.

The rules are the practices app's (``practices.publication``); ``PracticePage.publish()``
enforces them on every route. In the edit and create views they are checked earlier, here, so
that a moderator who asks to publish (or approves a review step) sees which fields are missing
next to the fields, with their unsaved changes kept. The form builds the practice it would save
(its fields, tags, taxonomy and inline rows) and hands it to the same checks.
"""

import copy

from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField

from practices.forms import PracticeForm, kept_forms
from practices.publication import needs_text, publication_problems


class PracticePageForm(PracticeForm):
    def publication_requested(self):
        """Whether this post asks to publish (as someone who may) or to approve a review step."""
        data = self.data
        if data.get("action-workflow-action") and data.get("workflow-action-name") == "approve":
            return True
        if not data.get("action-publish") or self.for_user is None:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        parent = getattr(self, "parent_page", None)
        return parent is not None and parent.permissions_for_user(self.for_user).can_publish()

    def kept_inline_instances(self, formset):
        """The rows an inline formset would keep: valid, not deleted, not blank extras."""
        return [copy.copy(form.instance) for form in kept_forms(formset)]

    def publication_candidate(self):
        """The practice as this form would save it, apart from the page in memory."""
        instance = self.instance
        candidate = instance.with_content_json(instance.serializable_data())
        construct_instance(self, candidate, fields=self._meta.fields, exclude=self._meta.exclude)
        for model_field in candidate._meta.many_to_many:
            if (
                isinstance(model_field, ParentalManyToManyField)
                and model_field.name in self.cleaned_data
            ):
                setattr(candidate, model_field.name, self.cleaned_data[model_field.name] or [])
        child_relations = {relation.name for relation in candidate._meta.related_objects}
        for relation_name, formset in self.formsets.items():
            if relation_name in child_relations:
                setattr(candidate, relation_name, self.kept_inline_instances(formset))
        return candidate

    def clean(self):
        cleaned_data = super().clean()
        if not self.publication_requested():
            return cleaned_data
        problems = publication_problems(self.publication_candidate())
        for problem in problems:
            if problem.field in self.fields:
                self.add_error(
                    problem.field,
                    format_lazy(_("Needed to publish: add {what}."), what=problem.need),
                )
        if problems:
            raise ValidationError(needs_text(problems), code="publication_rules")
        return cleaned_data
