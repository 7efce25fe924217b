"""The practice editor's own checks, which apply to every save (drafts included)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .evidence import REPORT, carried_tags, tag


class PracticeForm(WagtailAdminPageForm):
    """Each evidence entry must name a capability or article that the practice carries, and
    quote the report or one of the practice's sources."""

    def clean(self):
        cleaned_data = super().clean()
        evidence = self.formsets.get("evidence")
        if evidence is None:
            return cleaned_data
        carried = carried_tags(
            [capability.number for capability in cleaned_data.get("capabilities") or []],
            [article.key for article in cleaned_data.get("treaty_articles") or []],
        )
        labels = self.kept_values("sources", "label")
        for form in kept_forms(evidence):
            data = form.cleaned_data
            if tag(data["facet"], data["key"]) not in carried:
                form.add_error(
                    "key",
                    _("This practice does not carry this tag: add it under Tagging first."),
                )
            if data.get("source", REPORT) not in labels | {REPORT}:
                form.add_error(
                    "source",
                    _('Write "report", or the exact label of one of this practice\'s sources.'),
                )
        return cleaned_data

    def kept_values(self, relation, field):
        """``field`` of every child in ``relation`` that this save keeps."""
        formset = self.formsets.get(relation)
        if formset is None:
            return set(getattr(self.instance, relation).values_list(field, flat=True))
        return {form.cleaned_data.get(field) for form in kept_forms(formset)}


def kept_forms(formset):
    """The valid child forms that will be saved (neither deleted nor left blank)."""
    for form in formset.forms:
        if not form.is_valid() or (not form.has_changed() and not form.instance.pk):
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        yield form
