"""What editors maintain to tune the search: synonyms; and what searchers missed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.search_promotions.models import Query

from .text import phrase_words


def language_choices():
    return [("", _("Every language")), *settings.LANGUAGES]


class Synonym(models.Model):
    """Words or phrases a search treats as one: a search for any of them finds all of them."""

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A short stable name for this list, e.g. csam."),
    )
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "One word or phrase per line. A search for any of them also finds pages that "
            "use another."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=language_choices,
        help_text=_("The language whose searches use these terms; empty for every language."),
    )
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Where the report uses these terms: a short quote and its place."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("terms"),
        FieldPanel("language"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["key"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return " = ".join(self.term_list())

    def term_list(self):
        """The terms, one per non-empty line, as typed."""
        return [line.strip() for line in self.terms.splitlines() if phrase_words(line)]


class SearchWithoutResults(models.Model):
    """How many searches for a query found nothing, per day; no address, user or cookie."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="without_results")
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="unique_query_date_without")
        ]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return f"{self.query} {self.date}"
