"""The language switcher and the hreflang alternates that ``base.html`` puts on every page."""

from dataclasses import replace

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from localisation.languages import language_versions

register = template.Library()


@register.inclusion_tag("localisation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in every other language, or to that language's home page.

    A link to the same page keeps the query string, so that a filtered listing stays filtered
    (facet values are stable keys, the same in every language).
    """
    request = context.get("request")
    versions = language_versions(request, context.get("page"))
    query = request.GET.urlencode() if request is not None else ""
    if query:
        versions = [
            replace(version, url=f"{version.url}?{query}") if version.translated else version
            for version in versions
        ]
    return {"versions": versions}


@register.inclusion_tag("localisation/alternates.html", takes_context=True)
def hreflang_alternates(context):
    """``<link rel="alternate" hreflang>`` for each live translation of the current page."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return {"alternates": [], "default": None}
    alternates = [v for v in language_versions(request, page) if v.translated]
    default = next((v for v in alternates if v.code == settings.LANGUAGE_CODE), None)
    return {"alternates": alternates, "default": default}


@register.inclusion_tag("localisation/untranslated_notice.html", takes_context=True)
def untranslated_page_notice(context):
    """A notice on a page shown in another language than the visitor's (no translation yet).

    Practice pages served as a fallback (``translation_fallback``) show their own notice.
    """
    page = context.get("page")
    if not isinstance(page, Page) or context.get("translation_fallback"):
        return {"language": None}
    code = page.locale.language_code
    if code == get_language():
        return {"language": None}
    return {"language": get_language_info(code)}
