from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag
        from wagtail.signals import page_published, page_unpublished

        from countries.models import Country
        from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

        from .caching import invalidate_listings
        from .models import PracticePage, PracticeTag

        for model in (Country, Capability, TreatyArticle, Theme, TargetGroup, Tag, PracticeTag):
            post_save.connect(invalidate_listings, sender=model, weak=False)
            post_delete.connect(invalidate_listings, sender=model, weak=False)
        page_published.connect(invalidate_listings, sender=PracticePage, weak=False)
        page_unpublished.connect(invalidate_listings, sender=PracticePage, weak=False)
        post_delete.connect(invalidate_listings, sender=PracticePage, weak=False)
