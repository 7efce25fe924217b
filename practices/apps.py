from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from countries.models import Country
        from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

        from .facets import invalidate_facet_vocabulary
        from .models import PracticeTag

        for model in (Country, Capability, TreatyArticle, Theme, TargetGroup, Tag, PracticeTag):
            post_save.connect(invalidate_facet_vocabulary, sender=model, weak=False)
            post_delete.connect(invalidate_facet_vocabulary, sender=model, weak=False)
