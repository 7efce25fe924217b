"""The practice index: the page that lists and searches the practices."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page


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
    def live_practices(locale, untranslated=False, default_locale_id=None):
        """Every live practice of ``locale``: the start of the listing pipeline.

        With ``untranslated``, also the live practices of the default locale that have no live
        translation in ``locale`` (shown in their source language). ``default_locale_id``, when
        the caller knows it, spares looking the default locale up.
        """
        from .practice import PracticePage  # defined after this model, as it always was

        own = PracticePage.objects.live().filter(locale=locale)
        if not untranslated:
            return own
        default_id = default_locale_id or Locale.get_default().pk
        if locale.pk == default_id:
            return own
        return PracticePage.objects.live().filter(
            Q(locale=locale)
            | (Q(locale_id=default_id) & ~Q(translation_key__in=own.values("translation_key")))
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
