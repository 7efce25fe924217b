"""What a practice page holds in its own rows: organisations, sources, tag evidence."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .. import evidence
from .practice import PracticePage


class PracticeOrganisation(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=255)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


class PracticeSource(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("URL"), max_length=500, blank=True)
    label = models.CharField(_("label"), max_length=500)
    footnote = models.PositiveSmallIntegerField(_("footnote in the report"), null=True, blank=True)
    verified = models.CharField(
        _("verified"),
        max_length=60,
        blank=True,
        help_text=_("As the report states, e.g. 'April 2021'."),
    )

    panels = [
        FieldPanel("url"),
        FieldPanel("label"),
        FieldPanel("footnote"),
        FieldPanel("verified"),
    ]

    def __str__(self):
        return self.label


class PracticeTagEvidence(Orderable):
    """Why a practice carries one of its capabilities or treaty articles: a short quote."""

    class Facet(models.TextChoices):
        CAPABILITY = evidence.CAPABILITY, _("MNR capability")
        ARTICLE = evidence.ARTICLE, _("Treaty article")

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="evidence")
    facet = models.CharField(_("kind of tag"), max_length=20, choices=Facet.choices)
    key = models.CharField(
        _("tag"),
        max_length=50,
        help_text=_("An MNR capability number such as 11, or an article key such as lanzarote-13."),
    )
    quote = models.CharField(
        _("quote"),
        max_length=evidence.QUOTE_MAX_LENGTH,
        help_text=_("Copied exactly, at most 300 characters."),
    )
    source = models.CharField(
        _("quoted from"),
        max_length=500,
        default=evidence.REPORT,
        help_text=_('"report", or the exact label of one of this practice\'s sources.'),
    )
    section = models.CharField(
        _("where"),
        max_length=255,
        help_text=_("Section, case study, footnote, appendix or recommendation heading."),
    )

    panels = [
        FieldPanel("facet"),
        FieldPanel("key"),
        FieldPanel("quote", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("source"),
        FieldPanel("section"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tag evidence")
        verbose_name_plural = _("tag evidence")

    def __str__(self):
        return f"{self.facet} {self.key}"

    @property
    def is_report(self):
        return self.source == evidence.REPORT
