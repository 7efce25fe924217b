from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from countries.models import Country
from taxonomy.models import Capability, in_default_locale

from .models import (
    DESCRIPTION_MAX_LENGTH,
    ORGANISATION_MAX_LENGTH,
    SOURCE_URL_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Submission,
)

# The honeypot's name looks like a field a bot would fill in; people never see it.
HONEYPOT_FIELD = "website"


def plain_text(value):
    """Submitted text without HTML tags and surrounding whitespace."""
    return strip_tags(value or "").strip()


def one_line(value):
    """Plain text on one line (it becomes a page title and an e-mail subject)."""
    return " ".join(plain_text(value).split())


class SubmissionForm(forms.ModelForm):
    title = forms.CharField(label=_("Practice name"), max_length=TITLE_MAX_LENGTH)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.filter(in_default_locale()).order_by("name"),
        to_field_name="iso2",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for an international or regional practice."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the practice is, who runs it and whom it serves."),
    )
    capabilities = forms.ModelMultipleChoiceField(
        label=_("What it does (optional)"),
        queryset=Capability.objects.filter(in_default_locale()).order_by("number"),
        to_field_name="number",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The WePROTECT Model National Response capabilities it contributes to."),
    )
    source_url = forms.URLField(
        label=_("Source URL"),
        max_length=SOURCE_URL_MAX_LENGTH,
        assume_scheme="https",
        help_text=_("A public page that describes the practice."),
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=ORGANISATION_MAX_LENGTH,
        required=False,
    )
    email = forms.EmailField(label=_("Your email (optional)"), required=False)
    consent_to_contact = forms.BooleanField(
        label=_("You may contact me about this suggestion."), required=False
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Submission
        fields = [
            "title",
            "countries",
            "description",
            "capabilities",
            "source_url",
            "organisation",
            "email",
            "consent_to_contact",
        ]

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def clean_title(self):
        title = one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the practice's name."))
        return title

    def clean_description(self):
        description = plain_text(self.cleaned_data["description"])
        if not description:
            raise forms.ValidationError(_("Describe the practice."))
        return description

    def clean_organisation(self):
        return one_line(self.cleaned_data["organisation"])

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("consent_to_contact") and not cleaned_data.get("email"):
            self.add_error("email", _("Give an email address if we may contact you."))
        if not cleaned_data.get("consent_to_contact"):
            # Without consent the address is never kept (data minimisation).
            cleaned_data["email"] = ""
        return cleaned_data
