"""Promising practices and the index that lists and searches them."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ocsea.core.blocks import BodyBlock
from search_tuning.text import squashed_aliases
from taxonomy.models import in_default_locale

from . import evidence
from .forms import PracticeForm
from .publication import ensure_publishable


class PracticeIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "practices/practice_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice index")

    # Callables ``(index, path_components) -> RouteResult | None`` tried when no child page
    # matches: the localisation app registers its untranslated-practice fallback here (in its
    # AppConfig.ready), so that this lower app never imports it.
    fallback_routes = []

    @staticmethod
    def live_practices(locale, untranslated=False):
        """Every live practice of ``locale``: the start of the listing pipeline.

        With ``untranslated``, also the live practices of the default locale that have no live
        translation in ``locale`` (shown in their source language).
        """
        own = PracticePage.objects.live().filter(locale=locale)
        default = Locale.get_default()
        if not untranslated or locale.pk == default.pk:
            return own
        return PracticePage.objects.live().filter(
            Q(locale=locale)
            | (Q(locale=default) & ~Q(translation_key__in=own.values("translation_key")))
        )

    def serve(self, request, *args, **kwargs):
        from practices.listing import serve_listing

        return serve_listing(self, request)

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            for fallback in self.fallback_routes:
                result = fallback(self, path_components)
                if result is not None:
                    return result
            raise


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_practice_tag")
        ]


class PracticePage(Page):
    class Status(models.TextChoices):
        ONGOING = "ongoing", _("Ongoing")
        ENDED = "ended", _("Ended")
        UNKNOWN = "unknown", _("Not stated in the report")

    summary = models.TextField(_("summary"), help_text=_("Two to four sentences, own words."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    countries = ParentalManyToManyField(
        "countries.Country",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="practices",
        help_text=_("Leave empty for an international or regional practice."),
    )
    treaty_articles = ParentalManyToManyField(
        "taxonomy.TreatyArticle",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="practices",
    )
    capabilities = ParentalManyToManyField(
        "taxonomy.Capability",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="practices",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", limit_choices_to=in_default_locale, blank=True, related_name="practices"
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup",
        limit_choices_to=in_default_locale,
        blank=True,
        related_name="practices",
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True)

    period_started = models.CharField(
        _("started"), max_length=40, blank=True, help_text=_("Only as the report states it.")
    )
    period_ended = models.CharField(_("ended"), max_length=40, blank=True)
    period_status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN
    )
    report_section = models.CharField(_("section of the report"), max_length=255, blank=True)
    report_case_study = models.CharField(_("case study title"), max_length=255, blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an editor last checked this page against its sources."),
    )
    checked_against_report = models.DateField(
        _("checked against the report"),
        null=True,
        blank=True,
        help_text=_("When the content files were last checked against the report (set on load)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("treaty_articles"),
                FieldPanel("capabilities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Tagging"),
        ),
        InlinePanel(
            "evidence",
            heading=_("Evidence for each tag"),
            label=_("Evidence"),
            help_text=_(
                "For every capability and treaty article above, a short quote (at most 300 "
                "characters) copied exactly from the report, or from one of this practice's "
                "sources, that supports the tag for this practice, and where it comes from."
            ),
        ),
        InlinePanel("organisations", label=_("Implementing organisations")),
        MultiFieldPanel(
            [
                FieldPanel("period_started"),
                FieldPanel("period_ended"),
                FieldPanel("period_status"),
            ],
            heading=_("Period"),
        ),
        InlinePanel("sources", label=_("Sources"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("report_section"),
                FieldPanel("report_case_study"),
                FieldPanel("checked_against_report", read_only=True),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Provenance"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.RelatedFields("organisations", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        # "stop it now" finds "StopItNow!", "bbico" finds "B-BICO" (search_tuning.text).
        index.SearchField("search_aliases"),
        index.FilterField("locale"),
        index.FilterField("last_reviewed"),
    ]
    # Taxonomy links are synchronised as they are (wagtail-localize does not remap many-to-many
    # fields), which is why listings match terms by stable key rather than by row.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("report_section"),
        TranslatableField("report_case_study"),
        SynchronizedField("countries"),
        SynchronizedField("treaty_articles"),
        SynchronizedField("capabilities"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        SynchronizedField("tags"),
        SynchronizedField("organisations"),
        SynchronizedField("sources"),
        # The report is in English: evidence stays as quoted on every translation.
        SynchronizedField("evidence"),
        SynchronizedField("period_started"),
        SynchronizedField("period_ended"),
        SynchronizedField("period_status"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("checked_against_report"),
    ]

    # The editorial app swaps in its subclass (publication rules) in its AppConfig.ready.
    base_form_class = PracticeForm
    template = "practices/practice_page.html"
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")

    def get_context(self, request, *args, **kwargs):
        from practices.facets import practice_facet_links

        if self.pk:  # read once: the facet links, the related practices and the citation use them
            prefetch_related_objects([self], "countries", "capabilities")
        context = super().get_context(request, *args, **kwargs)
        context["facet_links"] = evidence.attach_evidence(practice_facet_links(self), self)
        context["translation_fallback"] = kwargs.get("translation_fallback", False)
        if not context["translation_fallback"]:
            from practices.related import related_practices

            context["related_practices"] = related_practices(self)
        return context

    def search_aliases(self):
        """Squashed forms of the practice's names, for the search index."""
        if not settings.OCSEA_SEARCH_TUNING:
            return ""
        names = [self.title, *(o.name for o in self.organisations.all())]
        return " ".join(squashed_aliases([*names, *(tag.name for tag in self.tags.all())]))

    def publish(self, revision, *args, **kwargs):
        """Publish ``revision`` only if its content meets the publication rules.

        ``Revision.publish()`` ends here, whatever asked for it (workflow approval, bulk
        publish, scheduled publishing, wagtail-localize, the loader), so the check reads the
        revision itself, relations included, before anything is changed.
        """
        ensure_publishable(revision.as_object())
        return super().publish(revision, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        if kwargs.pop("redirect_to_translation", False):
            return redirect(self.get_url(request))
        return super().serve(request, *args, **kwargs)


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
