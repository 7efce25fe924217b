"""Per practice: in which languages it exists, and which translations lag behind their source.

A translation is *out of date* when its English source was published after the translation
was last brought up to date:

- for a translation synchronised by wagtail-localize (a ``Translation`` from the source's
  ``TranslationSource`` into that locale, enabled), when the source was published after
  wagtail-localize last extracted it (``TranslationSource.last_updated_at``: "Sync translated
  pages" is due), or when that extraction is newer than the translation's last publication;
- for a translation edited directly (made with "copy for translation", as the demo fixtures
  are), when the source was published after the translation was last published.
"""

from dataclasses import dataclass, field

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from .setup import demo_translations


@dataclass
class LocaleStatus:
    code: str
    live: bool
    out_of_date: bool
    demo: bool
    page: object = None


@dataclass
class PracticeTranslationStatus:
    page: object
    translations: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def out_of_date(self):
        return [status.code for status in self.translations if status.out_of_date]

    @property
    def demo(self):
        return [status.code for status in self.translations if status.demo]


def target_locales():
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    locales = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    return [locales[code] for code in codes if code in locales]


def _is_out_of_date(source, translation, translation_source, synced_locale_ids):
    published = source.last_published_at
    if published is None:
        return False
    translated_at = translation.last_published_at or translation.latest_revision_created_at
    if translation_source is not None and translation.locale_id in synced_locale_ids:
        if translation_source.last_updated_at < published:
            return True
        return translated_at is None or translated_at < translation_source.last_updated_at
    return translated_at is None or translated_at < published


def practice_translation_statuses(sources):
    """``PracticeTranslationStatus`` for each default-locale practice in ``sources``."""
    from practices.models import PracticePage

    sources = list(sources)
    keys = [source.translation_key for source in sources]
    locales = target_locales()
    translations = {}
    for page in (
        PracticePage.objects.filter(translation_key__in=keys)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
    ):
        translations[(page.translation_key, page.locale_id)] = page
    translation_sources = {
        ts.object_id: ts
        for ts in TranslationSource.objects.filter(
            object_id__in=keys, locale__language_code=settings.LANGUAGE_CODE
        ).prefetch_related("translations")
    }
    demos = demo_translations()

    statuses = []
    for source in sources:
        status = PracticeTranslationStatus(page=source)
        translation_source = translation_sources.get(source.translation_key)
        synced = (
            {t.target_locale_id for t in translation_source.translations.all() if t.enabled}
            if translation_source is not None
            else set()
        )
        for locale in locales:
            translation = translations.get((source.translation_key, locale.pk))
            if translation is None:
                status.missing.append(locale.language_code)
                continue
            status.translations.append(
                LocaleStatus(
                    code=locale.language_code,
                    live=translation.live,
                    out_of_date=_is_out_of_date(source, translation, translation_source, synced),
                    demo=(locale.language_code, source.slug) in demos,
                    page=translation,
                )
            )
        statuses.append(status)
    return statuses
