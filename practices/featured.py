"""The practices the report highlights, featured on the home page (looked up by slug)."""

from wagtail.models import Locale

# Barnahus, Web Constables, B-BICO and StopItNow: the report's own case studies.
FEATURED_SLUGS = ["barnahus", "community-policing-online-safety", "b-bico-belgium", "stopitnow"]


def featured_practices(locale, index_page=None, slugs=FEATURED_SLUGS):
    """The featured practices in ``locale``, or in the default locale where not translated.

    Each is a live page with ``untranslated`` set and, for an untranslated one, ``listing_url``
    (its fallback address under ``index_page``) and ``source_language``.
    """
    from .models import PracticePage

    default = Locale.get_default()
    sources = {
        page.slug: page
        for page in PracticePage.objects.live().filter(locale=default, slug__in=slugs)
    }
    translations = {}
    if locale.pk != default.pk:
        translations = {
            page.translation_key: page
            for page in PracticePage.objects.live().filter(
                locale=locale, translation_key__in=[p.translation_key for p in sources.values()]
            )
        }
    featured = []
    for slug in slugs:
        source = sources.get(slug)
        if source is None:
            continue
        page = translations.get(source.translation_key)
        if page is None and locale.pk != default.pk and index_page is not None:
            page = source
            page.untranslated = True
            page.listing_url = f"{index_page.url}{source.slug}/"
            page.source_language = default.language_code
        elif page is None:
            page = source
        featured.append(page)
    return featured
