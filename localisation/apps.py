from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_locales(sender, using="default", **kwargs):
    """One Wagtail Locale per configured language (OCSEA_LANGUAGES), after every migrate."""
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


class LocalisationConfig(AppConfig):
    name = "localisation"
    verbose_name = _("Localisation")

    def ready(self):
        from practices.models import PracticeIndexPage

        from .fallback import untranslated_practice_route

        post_migrate.connect(create_locales, sender=self)
        # An untranslated practice is served from the source tree, flagged as a fallback.
        if untranslated_practice_route not in PracticeIndexPage.fallback_routes:
            PracticeIndexPage.fallback_routes.append(untranslated_practice_route)
