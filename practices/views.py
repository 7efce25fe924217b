from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from ocsea.core.views import tabular_response
from taxonomy.models import Capability, TreatyArticle

from . import text_search
from .evidence import ARTICLE, CAPABILITY
from .facets import article_numbers, attach_term_keys
from .listing import clean_text
from .models import PracticePage

PRACTICE_EXPORT_FIELDS = [
    "title",
    "url",
    "summary",
    "countries",
    "lanzarote_articles",
    "budapest_articles",
    "capabilities",
    "themes",
    "tags",
    "target_groups",
    "organisations",
    "sources",
    "last_published_at",
]
# Rows also carry ``evidence`` (a list of objects), which only the JSON shows; the CSV
# equivalent is practice-evidence.csv.
EVIDENCE_EXPORT_FIELDS = [
    "practice_slug",
    "practice_title",
    "practice_url",
    "facet",
    "key",
    "tag_label",
    "quote",
    "source",
    "section",
]


def practice_export_row(practice, request):
    keys = practice.term_keys
    return {
        "title": practice.title,
        "url": practice.get_url(request),
        "summary": practice.summary,
        "countries": keys["country"],
        "lanzarote_articles": article_numbers(keys["article"], "lanzarote"),
        "budapest_articles": article_numbers(keys["article"], "budapest"),
        "capabilities": [int(number) for number in keys["capability"]],
        "themes": keys["theme"],
        "tags": sorted(t.name for t in practice.tags.all()),
        "target_groups": keys["target"],
        "organisations": [o.name for o in practice.organisations.all()],
        "sources": [s.url for s in practice.sources.all() if s.url],
        "last_published_at": (
            practice.last_published_at.isoformat() if practice.last_published_at else None
        ),
        "evidence": [evidence_export_entry(entry) for entry in practice.evidence.all()],
    }


def practice_export_rows(practices, request):
    """Export rows of ``practices`` (any iterable), with the related rows fetched in bulk."""
    practices = list(practices)
    prefetch_related_objects(practices, "tags", "organisations", "sources", "evidence")
    attach_term_keys(practices)
    return [practice_export_row(practice, request) for practice in practices]


def evidence_export_entry(entry):
    return {
        "facet": entry.facet,
        "key": entry.key,
        "quote": entry.quote,
        "source": entry.source,
        "section": entry.section,
    }


def live_default_locale_practices():
    return PracticePage.objects.live().filter(locale=Locale.get_default()).order_by("title", "pk")


@cache_control(public=True, max_age=300)
def practices_export(request, fmt):
    """Every live practice of the default locale, as open data (JSON or CSV)."""
    if fmt not in ("json", "csv"):
        raise Http404
    rows = practice_export_rows(live_default_locale_practices(), request)
    return tabular_response(rows, PRACTICE_EXPORT_FIELDS, fmt, "practices")


@cache_control(public=True, max_age=300)
def practice_evidence_export(request):
    """One CSV row per tag evidence entry of every live practice of the default locale."""
    locale = Locale.get_default()
    with translation.override(settings.LANGUAGE_CODE):  # open data keeps one language
        labels = {
            CAPABILITY: {str(c.number): str(c) for c in Capability.objects.filter(locale=locale)},
            ARTICLE: {a.key: str(a) for a in TreatyArticle.objects.filter(locale=locale)},
        }
    rows = [
        {
            "practice_slug": practice.slug,
            "practice_title": practice.title,
            "practice_url": practice.get_url(request),
            "tag_label": labels.get(entry.facet, {}).get(entry.key),
            **evidence_export_entry(entry),
        }
        for practice in live_default_locale_practices().prefetch_related("evidence")
        for entry in practice.evidence.all()
    ]
    return tabular_response(rows, EVIDENCE_EXPORT_FIELDS, "csv", "practice-evidence")


SUGGESTION_LIMIT = 10


def suggest(request):
    """Up to ten ``{title, url}`` for a search-as-you-type box.

    A suggestion is a live practice of the visitor's language (``lang``, else the negotiated
    language) whose title, a word or a run of words of its title, an organisation or a tag
    starts with what was typed, across spacing and punctuation ("stop it" suggests
    "StopItNow!"); then practices using a synonym of a term it starts.
    """
    q = clean_text(request.GET.get("q", ""))[:100]
    if len(q) < 2:
        return JsonResponse({"results": []})
    language = request.GET.get("lang") or get_language()
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    # The listing's matching (search_tuning): names across punctuation, synonyms, prefixes.
    matches = text_search.suggest_pages(q, locale, SUGGESTION_LIMIT)
    return JsonResponse(
        {"results": [{"title": page.title, "url": page.get_url(request)} for page in matches]}
    )
