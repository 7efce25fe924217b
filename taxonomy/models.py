"""Controlled vocabularies that tag practices.

Every term is translatable (one row per locale, linked by ``translation_key``) and carries a
stable key that is the same in every locale. Practices, URLs and facets refer to terms by that
key, never by primary key: wagtail-localize copies a page's many-to-many links unchanged, so a
French practice may point at the English rows of a term.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .forms import TermForm


def in_default_locale():
    """Practices link to the source-language rows of each term; translations follow by key."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class TermQuerySet(models.QuerySet):
    def in_locale(self, locale):
        """Terms in ``locale``, falling back to the default locale for untranslated ones."""
        default_locale = Locale.get_default()
        if locale is None or locale.pk == default_locale.pk:
            return self.filter(locale=default_locale)
        translated_keys = self.filter(locale=locale).values("translation_key")
        # One OR filter, not a UNION: a UNION of ordered subqueries fails on SQLite.
        return self.filter(
            Q(locale=locale) | (Q(locale=default_locale) & ~Q(translation_key__in=translated_keys))
        )

    def by_key(self, locale):
        """``{stable key: term}`` for ``locale`` (with default-locale fallback)."""
        return {term.stable_key: term for term in self.in_locale(locale)}


class Term(TranslatableMixin, index.Indexed, models.Model):
    """Shared behaviour of the vocabularies; ``key_field`` names the stable key."""

    key_field = "key"
    base_form_class = TermForm

    objects = TermQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def stable_key(self):
        return getattr(self, self.key_field)

    @property
    def facet_value(self):
        """The value this term takes in listing URLs (``?capability=15``)."""
        return str(self.stable_key)


class Theme(Term):
    key = models.SlugField(
        max_length=50, help_text=_("Stable key used in URLs, e.g. 'governance'.")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    report_section = models.CharField(_("section of the report"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("report_section"),
        FieldPanel("sort_order"),
    ]
    translatable_fields = [
        SynchronizedField("key"),
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("report_section"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Term.Meta):
        ordering = ["sort_order", "key"]
        unique_together = [("translation_key", "locale"), ("key", "locale")]
        verbose_name = _("theme")

    def __str__(self):
        return self.name


class Capability(Term):
    """A capability of the WePROTECT Global Alliance Model National Response (Appendix 2)."""

    key_field = "number"

    number = models.PositiveSmallIntegerField(help_text=_("MNR capability number, 1 to 21."))
    name = models.CharField(_("name"), max_length=120)
    domain = models.CharField(_("domain"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("domain"),
        FieldPanel("description"),
    ]
    translatable_fields = [
        SynchronizedField("number"),
        TranslatableField("name"),
        TranslatableField("domain"),
        TranslatableField("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(Term.Meta):
        ordering = ["number"]
        unique_together = [("translation_key", "locale"), ("number", "locale")]
        verbose_name = _("MNR capability")
        verbose_name_plural = _("MNR capabilities")

    def __str__(self):
        return f"{self.number}. {self.name}"


class TreatyArticle(Term):
    class Convention(models.TextChoices):
        LANZAROTE = "lanzarote", _("Lanzarote Convention (CETS 201)")
        BUDAPEST = "budapest", _("Budapest Convention (ETS 185)")

    key = models.SlugField(max_length=50, help_text=_("Stable key, e.g. 'lanzarote-23'."))
    convention = models.CharField(_("convention"), max_length=20, choices=Convention.choices)
    number = models.PositiveSmallIntegerField(_("article number"))
    title = models.CharField(_("official title"), max_length=255)

    panels = [
        FieldPanel("key"),
        FieldPanel("convention"),
        FieldPanel("number"),
        FieldPanel("title"),
    ]
    translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("convention"),
        SynchronizedField("number"),
        TranslatableField("title"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(Term.Meta):
        ordering = ["convention", "number"]
        unique_together = [("translation_key", "locale"), ("key", "locale")]
        verbose_name = _("treaty article")

    def __str__(self):
        return f"{self.short_label} – {self.title}"

    @staticmethod
    def make_key(convention, number):
        return f"{convention}-{number}"

    @property
    def short_label(self):
        convention = "Lanzarote" if self.convention == self.Convention.LANZAROTE else "Budapest"
        return _("%(convention)s Art. %(number)s") % {
            "convention": convention,
            "number": self.number,
        }


class TargetGroup(Term):
    key = models.SlugField(max_length=50, help_text=_("Stable key, e.g. 'law-enforcement'."))
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("key"), FieldPanel("name"), FieldPanel("sort_order")]
    translatable_fields = [
        SynchronizedField("key"),
        TranslatableField("name"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta(Term.Meta):
        ordering = ["sort_order", "key"]
        unique_together = [("translation_key", "locale"), ("key", "locale")]
        verbose_name = _("target group")

    def __str__(self):
        return self.name
