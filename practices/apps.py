from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.signals import page_published, page_unpublished

        from countries.models import Country
        from search_tuning.models import Synonym
        from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

        from .caching import LISTINGS
        from .models import PracticePage, PracticeTag

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
        page_published.connect(LISTINGS.bump, sender=PracticePage, weak=False)
        page_unpublished.connect(LISTINGS.bump, sender=PracticePage, weak=False)
        post_delete.connect(LISTINGS.bump, sender=PracticePage, weak=False)
