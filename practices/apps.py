from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from countries.models import Country
        from search_tuning.models import Synonym
        from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

        from .caching import LISTINGS
        from .models import PracticeTag

        # Synonyms and promoted results change what a search finds (search_tuning).
        tuning = (Synonym, SearchPromotion)
        for model in (
            Country,
            Capability,
            TreatyArticle,
            Theme,
            TargetGroup,
            Tag,
            PracticeTag,
            *tuning,
        ):
            post_save.connect(LISTINGS.bump, sender=model, weak=False)
            post_delete.connect(LISTINGS.bump, sender=model, weak=False)
        # Any page, not only practices: cached listings hold the site's navigation and the
        # index page's own text and place, and practices.middleware maps paths to index pages.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(LISTINGS.bump, weak=False)
        post_delete.connect(LISTINGS.bump, sender=Page, weak=False)  # a page of any type
        for model in (PageViewRestriction, Site, Locale):
            post_save.connect(LISTINGS.bump, sender=model, weak=False)
            post_delete.connect(LISTINGS.bump, sender=model, weak=False)
