"""Hand a translation made outside the admin over to wagtail-localize.

The loader writes the demo translations field by field. Registering them with wagtail-localize
(a ``TranslationSource`` for the English page, a ``Translation`` into the locale and one
``StringTranslation`` per segment) means translators open them in wagtail-localize's editor with
every segment filled in, and "Sync translated pages" carries later English changes over.
"""

import re

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TOOL_NAME = "fixtures/translations"


def _shape(path):
    """A segment's path with block ids left out: ``body.*.items.*``."""
    return ".".join("*" if UUID.match(part) else part for part in path.split("."))


def _strings(instance):
    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def register_translation(source_page, translated_page, locale):
    """Record ``translated_page`` (saved or not) as wagtail-localize's translation of the source.

    Segments are paired in document order, which is only sound when both pages have the same
    structure (same fields, blocks and paragraphs): otherwise nothing is registered and the
    page stays a plain Wagtail translation. Returns whether it was registered.
    """
    target = _strings(translated_page)
    if [_shape(s.path) for s in _strings(source_page)] != [_shape(s.path) for s in target]:
        return False
    translation_source, created = TranslationSource.get_or_create_from_instance(source_page)
    if not created:
        translation_source.update_from_db()
    stored = list(
        StringSegment.objects.filter(source=translation_source)
        .select_related("string", "context")
        .order_by("order")
    )
    if len(stored) != len(target):
        return False
    Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    for segment, value in zip(stored, target, strict=True):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": value.string.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": TOOL_NAME,
            },
        )
    return True
