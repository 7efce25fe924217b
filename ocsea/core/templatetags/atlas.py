"""Template helpers shared by every page: navigation, listing URLs, query strings."""

import re

from django import template
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale

register = template.Library()


def _section_pages(request):
    """The section index pages of the current language, looked up once per request."""
    cached = getattr(request, "_atlas_sections", None)
    if cached is not None:
        return cached
    from countries.models import CountryIndexPage
    from ocsea.core.models import HomePage
    from practices.models import PracticeIndexPage
    from report.models import AboutSourcePage, RecommendationIndexPage

    try:
        locale = Locale.objects.get(language_code=get_language())
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    sections = {}
    for name, model in [
        ("home", HomePage),
        ("practices", PracticeIndexPage),
        ("countries", CountryIndexPage),
        ("recommendations", RecommendationIndexPage),
        ("about", AboutSourcePage),
    ]:
        page = model.objects.live().filter(locale=locale).first()
        if page is None:
            page = model.objects.live().filter(locale=Locale.get_default()).first()
        sections[name] = page
    if request is not None:
        request._atlas_sections = sections
    return sections


@register.simple_tag(takes_context=True)
def section_pages(context):
    return _section_pages(context.get("request"))


@register.simple_tag(takes_context=True)
def listing_url(context, param=None, value=None):
    """The practice listing, optionally with one facet selected (a landing URL)."""
    index = _section_pages(context.get("request"))["practices"]
    if index is None:
        return ""
    url = index.get_url(context.get("request"))
    if param:
        url += "?" + urlencode({param: value})
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (``None`` removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None and value != "":
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.simple_tag(takes_context=True)
def query_without(context, param, value):
    """The current query string less one facet value (used by the removable chips)."""
    params = context["request"].GET.copy()
    params.setlist(param, [v for v in params.getlist(param) if v != value])
    params.pop("page", None)
    return "?" + params.urlencode()


@register.filter
def highlight(text, query):
    """Escape ``text`` and wrap words starting with any search term in ``<mark>``."""
    text = escape(text or "")
    terms = [re.escape(escape(term)) for term in (query or "").split() if len(term) > 1]
    if not terms:
        return mark_safe(text)  # noqa: S308 - escaped above
    pattern = re.compile(r"\b(" + "|".join(terms) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308
