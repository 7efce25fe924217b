"""Practices proposed by practitioners through the public "Suggest a practice" form.

A submission never publishes anything: moderators read it in the admin and may turn it into an
unpublished draft practice, which then goes through the normal review workflow.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import in_default_locale

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000
SOURCE_URL_MAX_LENGTH = 500
ORGANISATION_MAX_LENGTH = 200


class Submission(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("practice name"), max_length=TITLE_MAX_LENGTH)
    countries = models.ManyToManyField(
        "countries.Country",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="+",
        verbose_name=_("countries"),
    )
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    capabilities = models.ManyToManyField(
        "taxonomy.Capability",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="+",
        verbose_name=_("what it does (MNR capabilities)"),
    )
    source_url = models.URLField(_("source URL"), max_length=SOURCE_URL_MAX_LENGTH)
    organisation = models.CharField(
        _("submitter's organisation"), max_length=ORGANISATION_MAX_LENGTH, blank=True
    )
    email = models.EmailField(_("submitter's email"), blank=True)
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    moderator_notes = models.TextField(_("moderator notes"), blank=True)
    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("draft practice"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return self.title

    def get_created_at_display(self):
        """When it was received, in the site's time zone (settings.TIME_ZONE), as the admin's
        listing shows it, so that the inspect view never shows another time."""
        from django.utils.formats import date_format
        from django.utils.timezone import localtime

        if self.created_at is None:
            return ""
        when = localtime(self.created_at)
        return f"{date_format(when, 'DATETIME_FORMAT')} ({when.tzname()})"
