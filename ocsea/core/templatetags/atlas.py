"""Template helpers shared by every page: navigation, listing URLs, query strings."""

import re

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

register = template.Library()


def _section_pages(request):
    """The section index pages of the current language (else of the default one), found in one
    query and looked up once per request."""
    cached = getattr(request, "_atlas_sections", None)
    if cached is not None:
        return cached
    from countries.models import CountryIndexPage
    from ocsea.core.models import HomePage
    from practices.models import PracticeIndexPage
    from report.models import AboutSourcePage, RecommendationIndexPage

    models = {
        "home": HomePage,
        "practices": PracticeIndexPage,
        "countries": CountryIndexPage,
        "recommendations": RecommendationIndexPage,
        "about": AboutSourcePage,
    }
    content_types = ContentType.objects.get_for_models(*models.values())
    name_of = {content_types[model].pk: name for name, model in models.items()}
    current = get_language()
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    found = {}
    pages = (
        Page.objects.live()
        .filter(content_type__in=name_of, locale__language_code__in={current, default})
        .annotate(language=F("locale__language_code"))
        .order_by("path")
    )
    for page in pages:
        found.setdefault((name_of[page.content_type_id], page.language), page)
    sections = {name: found.get((name, current)) or found.get((name, default)) for name in models}
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
def title_with_site(title, site_name):
    """``<title>``: "Page · Site", or the site's name alone when the page has the same name."""
    title = conditional_escape(" ".join(str(title).split()) if title else "")
    site_name = conditional_escape(site_name)
    if not title or title == site_name:
        return format_html("<title>{}</title>", site_name)
    return format_html("<title>{} · {}</title>", title, site_name)


DESCRIPTION_LENGTH = 160


@register.simple_tag(takes_context=True)
def meta_description(context, generic=False):
    """A page's meta description: its search description, else its summary or introduction,
    else (or when ``generic``: a page shown in another language) what the atlas is."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator
    from django.utils.translation import gettext

    page = None if generic else context.get("page")
    text = ""
    for attribute in ("search_description", "summary", "intro"):
        value = getattr(page, attribute, "") if page is not None else ""
        text = " ".join(strip_tags(str(value or "")).split())
        if text:
            break
    if not text:
        text = gettext(
            "Promising practices of Council of Europe member states against online child "
            "sexual exploitation and abuse, from the 2021 baseline mapping."
        )
    return Truncator(text).chars(DESCRIPTION_LENGTH)


MONTH_YEAR = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{4})$"
)
DECADE = re.compile(r"^(\d{3}0)s$")
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@register.filter
def report_date(phrase):
    """A date as the report words it ("April 2021", "1990s", "2004"), in the current language.

    The phrase is stored as the report states it (English); month-and-year and decades are
    recognised and formatted for the visitor's locale, anything else is shown as it is.
    """
    import datetime

    from django.utils.formats import date_format
    from django.utils.translation import gettext

    phrase = " ".join(str(phrase or "").split())
    match = MONTH_YEAR.match(phrase)
    if match:
        month = MONTHS.index(match.group(1)) + 1
        return date_format(datetime.date(int(match.group(2)), month, 1), "YEAR_MONTH_FORMAT")
    match = DECADE.match(phrase)
    if match:
        return gettext("the %(decade)ss") % {"decade": match.group(1)}
    return phrase


@register.simple_tag(takes_context=True, name="absolute_url")
def absolute_url_tag(context, path):
    """``path`` made absolute with the configured base URL (``ocsea.core.absolute``)."""
    from ocsea.core.absolute import absolute_url

    return absolute_url(path, context.get("request"))
