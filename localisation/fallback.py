"""Untranslated practices, reachable in another language's tree only as an explicit fallback."""

from wagtail.models import Locale
from wagtail.url_routing import RouteResult


def untranslated_practice_route(index, path_components):
    """Route ``/fr/pratiques/<source slug>/`` to the source-language practice, flagged.

    ``index`` is a practice index of a non-default locale whose children have no page with that
    slug. If the default-locale index has a live practice with the slug, it is served with
    ``translation_fallback=True`` (the template shows a notice and marks the content's language),
    or, when that practice does have a live translation here (under another slug), the visitor
    is redirected to it. Anything else is left to raise 404.
    """
    from practices.models import PracticeIndexPage, PracticePage

    default_locale = Locale.get_default()
    if len(path_components) != 1 or index.locale_id == default_locale.pk:
        return None
    source_index = (
        PracticeIndexPage.objects.live()
        .filter(translation_key=index.translation_key, locale=default_locale)
        .first()
    )
    if source_index is None:
        return None
    source = (
        PracticePage.objects.child_of(source_index).live().filter(slug=path_components[0]).first()
    )
    if source is None:
        return None
    translation = (
        PracticePage.objects.live()
        .filter(translation_key=source.translation_key, locale_id=index.locale_id)
        .first()
    )
    if translation is not None:
        return RouteResult(translation, kwargs={"redirect_to_translation": True})
    source._cached_parent_obj = index  # the breadcrumb leads back to this language's listing
    return RouteResult(source, kwargs={"translation_fallback": True})
