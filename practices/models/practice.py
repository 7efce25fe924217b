"""A promising practice, and its tags."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import prefetch_related_objects
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ocsea.core.blocks import BodyBlock
from search_tuning.text import squashed_aliases
from taxonomy.models import in_default_locale

from .. import evidence
from ..forms import PracticeForm
from ..publication import ensure_publishable


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

    # What a page of listing results reads of each practice: its card, the listing's JSON and
    # its feed (ocsea.core.paging.PagedByPk.page_fields).
    listing_fields = (
        "title",
        "slug",
        "url_path",
        "locale",
        "summary",
        "first_published_at",
        "last_published_at",
    )

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
