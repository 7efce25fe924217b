from django.apps import AppConfig


class SearchTuningConfig(AppConfig):
    name = "search_tuning"
    verbose_name = "Search tuning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Synonym
        from .synonyms import GENERATION

        post_save.connect(GENERATION.bump, sender=Synonym, weak=False)
        post_delete.connect(GENERATION.bump, sender=Synonym, weak=False)
