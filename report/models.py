"""What the source report says beyond its practices: its citation and its recommendations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from taxonomy.models import Capability, Term, in_default_locale


class AboutSourcePage(Page):
    citation = models.TextField(_("full citation"))
    body = RichTextField(blank=True, features=["bold", "italic", "link", "h2", "h3", "ul", "ol"])
    source_url = models.URLField(_("where to read the report"), max_length=500, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("citation"),
        FieldPanel("source_url"),
        FieldPanel("body"),
    ]
    template = "report/about_source_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("about the source page")


class Recommendation(ClusterableModel, Term):
    """One of the report's recommendations, linked to the articles and capabilities it names."""

    key = models.SlugField(max_length=80)
    heading = models.CharField(_("heading"), max_length=255)
    text = models.TextField(_("recommendation"))
    treaty_articles = ParentalManyToManyField(
        "taxonomy.TreatyArticle",
        blank=True,
        limit_choices_to=in_default_locale,
        related_name="recommendations",
    )
    capabilities = ParentalManyToManyField(
        "taxonomy.Capability",
        blank=True,
        limit_choices_to=in_default_locale,
        related_name="recommendations",
    )
    source = models.CharField(_("where in the report"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("key"),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("treaty_articles"),
        FieldPanel("capabilities"),
        FieldPanel("source"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        SynchronizedField("key"),
        TranslatableField("heading"),
        TranslatableField("text"),
        SynchronizedField("treaty_articles"),
        SynchronizedField("capabilities"),
        TranslatableField("source"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("heading"), index.SearchField("text")]

    class Meta(Term.Meta):
        ordering = ["sort_order", "key"]
        unique_together = [("translation_key", "locale"), ("key", "locale")]
        verbose_name = _("recommendation")

    def __str__(self):
        return self.heading


class RecommendationIndexPage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "report/recommendation_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("recommendations page")

    def recommendations(self):
        return Recommendation.objects.in_locale(self.locale).prefetch_related(
            "treaty_articles", "capabilities"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        recommendations = mark_untranslated(list(self.recommendations()), self.locale)
        context["recommendations"] = with_capability_names(recommendations, self.locale)
        return context


def with_capability_names(recommendations, locale):
    """Give each recommendation ``capability_terms``: its capabilities in ``locale`` (matched by
    number, as recommendations link to the source-language rows), shown with their full names."""
    terms = Capability.objects.by_key(locale)
    for recommendation in recommendations:
        recommendation.capability_terms = [
            terms.get(capability.number, capability)
            for capability in recommendation.capabilities.all()
        ]
    return recommendations


def mark_untranslated(recommendations, locale):
    """Set ``content_language`` (an untranslated row) or ``text_language`` (a text still as in
    the source) to the source language code, so that templates mark them with ``lang``."""
    default = Locale.get_default()
    if locale.pk == default.pk:
        return recommendations
    source_texts = dict(
        Recommendation.objects.filter(
            locale=default, translation_key__in=[r.translation_key for r in recommendations]
        ).values_list("translation_key", "text")
    )
    for recommendation in recommendations:
        if recommendation.locale_id == default.pk:
            recommendation.content_language = default.language_code
        elif recommendation.text == source_texts.get(recommendation.translation_key):
            recommendation.text_language = default.language_code
    return recommendations
