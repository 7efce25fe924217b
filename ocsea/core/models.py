from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site root of each locale: what the atlas is, and where to start."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    latest_count = models.PositiveSmallIntegerField(
        default=6, help_text=_("How many recently published practices to show.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("latest_count")]
    template = "core/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "countries.CountryIndexPage",
        "report.AboutSourcePage",
        "report.RecommendationIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def practice_index(self):
        from practices.models import PracticeIndexPage

        return PracticeIndexPage.objects.child_of(self).live().first()

    def country_index(self):
        from countries.models import CountryIndexPage

        return CountryIndexPage.objects.child_of(self).live().first()

    def latest_practices(self):
        from practices.models import PracticePage

        return (
            PracticePage.objects.live()
            .filter(locale=self.locale)
            .order_by("-first_published_at", "title")[: self.latest_count]
        )

    def get_context(self, request, *args, **kwargs):
        from practices.facets import entry_points
        from practices.featured import featured_practices
        from practices.models import PracticeIndexPage

        context = super().get_context(request, *args, **kwargs)
        practice_index = self.practice_index()
        context["featured_practices"] = featured_practices(self.locale, practice_index)
        context["practice_total"] = PracticeIndexPage.live_practices(
            self.locale, untranslated=True
        ).count()
        context["practice_index"] = practice_index
        context["country_index"] = self.country_index()
        context["latest_practices"] = self.latest_practices()
        context["entry_points"] = entry_points(self.locale)
        return context


class LoadedRecord(models.Model):
    """What the content loader last wrote for one record, to tell editors' changes from its own.

    ``fingerprint`` is the hash of the fixture data the record was written from (has the
    fixture changed since?); ``state`` holds hashes of the record as the loader left it in the
    database (its fields, and for pages whether it was live and under which parent), so that a
    record whose state differs was changed by editors since, and one that is gone was deleted
    by them. ``object_id`` finds the record again even if editors renamed or moved it.
    """

    key = models.CharField(max_length=200, unique=True)
    fingerprint = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    state = models.JSONField(null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.key
