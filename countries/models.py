"""Council of Europe member states, their indicators from the report, and their pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from taxonomy.models import Term

from . import hooks
from .indicators import ORGANISATIONS, SCORE_MAXIMUM, display
from .profile import add_context, ncmec_chart


class EnocMembership(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    FULL_AND_ASSOCIATE = "full-and-associate", _("Full and associate members")
    NONE = "none", _("No member listed")


# Indicator values copied from the report; each column's provenance is an Indicator row.
INDICATOR_FIELDS = [
    "enoc_membership",
    "icmec_csam_score",
    "icmec_grooming_score",
    "ncmec_reports_2019",
    "ncmec_share_2019_percent",
    "ncmec_reports_2020",
    "ncmec_share_2020_percent",
    "ncmec_change_percent",
    "crin_access_to_justice_score",
    "crin_access_to_justice_percent",
    "minimum_age_criminal_responsibility",
    "age_of_consent",
]


class Country(Term):
    """A member state. ``iso2`` is the stable key; the indicators are the same in every locale."""

    key_field = "iso2"

    iso2 = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2)
    name = models.CharField(_("name"), max_length=100)
    report_name = models.CharField(
        _("name in the report's tables"), max_length=100, blank=True, editable=False
    )

    enoc_membership = models.CharField(
        _("ENOC membership"), max_length=20, choices=EnocMembership.choices, blank=True
    )
    other_reported_ombudsperson = models.CharField(
        _("other reported ombudsperson for children"),
        max_length=20,
        blank=True,
        help_text=_("'unknown' where the report's table marks were lost."),
    )
    icmec_csam_score = models.DecimalField(
        _("ICMEC CSAM legislation score (/5)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
    )
    icmec_grooming_score = models.DecimalField(
        _("ICMEC grooming legislation score (/5)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
    )
    ncmec_reports_2019 = models.PositiveIntegerField(
        _("NCMEC CyberTipline reports, 2019"), null=True, blank=True
    )
    ncmec_share_2019_percent = models.DecimalField(
        _("share of global NCMEC reports, 2019 (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    ncmec_reports_2020 = models.PositiveIntegerField(
        _("NCMEC CyberTipline reports, 2020"), null=True, blank=True
    )
    ncmec_share_2020_percent = models.DecimalField(
        _("share of global NCMEC reports, 2020 (%)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    ncmec_change_percent = models.DecimalField(
        _("change in NCMEC reports 2019–2020 (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    crin_access_to_justice_score = models.DecimalField(
        _("CRIN access to justice score"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    crin_access_to_justice_percent = models.DecimalField(
        _("CRIN access to justice (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    minimum_age_criminal_responsibility = models.CharField(
        _("minimum age of criminal responsibility"), max_length=40, blank=True
    )
    age_of_consent = models.CharField(_("age of consent"), max_length=40, blank=True)
    safer_internet_day_2021_date = models.DateField(
        _("Safer Internet Day 2021 date"), null=True, blank=True
    )
    safer_internet_day_2021_activities = models.TextField(
        _("Safer Internet Day 2021 planned activities"), blank=True
    )

    panels = [
        FieldPanel("iso2"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel(name) for name in INDICATOR_FIELDS + ["other_reported_ombudsperson"]],
            heading=_("Indicators from the report"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("safer_internet_day_2021_date"),
                FieldPanel("safer_internet_day_2021_activities"),
            ],
            heading=_("Safer Internet Day 2021 (Appendix 3)"),
        ),
    ]
    translatable_fields = [
        SynchronizedField("iso2"),
        TranslatableField("name"),
        TranslatableField("safer_internet_day_2021_activities"),
        SynchronizedField("safer_internet_day_2021_date"),
        SynchronizedField("other_reported_ombudsperson"),
        *(SynchronizedField(name) for name in INDICATOR_FIELDS),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Term.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("iso2", "locale")]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """Where one indicator column comes from in the report (figure, year, footnote)."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=255)
    figure = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    footnote = models.PositiveSmallIntegerField(null=True, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    context = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Council of Europe and global figures the report gives for this indicator: a list of "
            '{"kind": "coe_total" | "coe_average" | "global_total" | "global_average", '
            '"value": number, "where": "Fig. 4"}.'
        ),
    )

    class Meta:
        ordering = ["figure", "key"]

    def __str__(self):
        return f"{self.label} ({self.figure})"

    @property
    def provenance(self):
        if self.year:
            return f"{self.figure}, {self.year}"
        return self.figure


class CountryIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "countries/country_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["countries.CountryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("country index")

    def country_pages(self):
        """Live country pages of this locale, each with ``practice_count``: its live practices.

        The count comes from the app that owns practices (``countries.hooks``), by ISO code.
        """
        counts = hooks.practice_counts(self.locale)
        pages = list(
            CountryPage.objects.child_of(self).live().select_related("country").order_by("title")
        )
        for page in pages:
            page.practice_count = counts.get(page.country.iso2, 0)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["country_pages"] = self.country_pages()
        context["country_sections"] = hooks.page_sections(self, request)
        return context


class CountryPage(Page):
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="pages")
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("country"), FieldPanel("intro")]
    template = "countries/country_page.html"
    parent_page_types = ["countries.CountryIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("country"),
    ]

    class Meta:
        verbose_name = _("country page")

    def indicators(self):
        """The country's indicator values, each with its provenance, in the report's order."""
        return add_context(indicator_rows(self.country), self.country)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["indicators"] = self.indicators()
        context["ncmec_chart"] = ncmec_chart(self.country)
        context["country_sections"] = hooks.page_sections(self, request)
        return context


def country_page_urls(locale, request):
    """``{iso2: URL}`` of the live country pages of ``locale``."""
    pages = CountryPage.objects.live().filter(locale=locale).select_related("country")
    return {page.country.iso2: page.get_url(request) for page in pages}


def indicator_rows(country, provenance=None):
    """``country``'s indicators in the report's order: label, raw value, display text,
    organisation and provenance (its ``Indicator`` row). ``provenance`` may be passed in
    (``{key: Indicator}``) when rows of several countries are built."""
    if provenance is None:
        provenance = {indicator.key: indicator for indicator in Indicator.objects.all()}
    rows = []
    for name in INDICATOR_FIELDS + ["other_reported_ombudsperson"]:
        field = Country._meta.get_field(name)
        value = getattr(country, name)
        if name == "enoc_membership" and value:
            value = country.get_enoc_membership_display()
        rows.append(
            {
                "key": name,
                "label": field.verbose_name,
                "value": value,
                "display": display(name, value),
                "maximum": SCORE_MAXIMUM.get(name),
                "organisation": ORGANISATIONS.get(name, ""),
                "indicator": provenance.get(name),
            }
        )
    return rows
