from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from ocsea.core.views import tabular_response

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
    }


@cache_control(public=True, max_age=300)
def practices_export(request, fmt):
    """Every live practice of the default locale, as open data (JSON or CSV)."""
    if fmt not in ("json", "csv"):
        raise Http404
    practices = (
        PracticePage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("title")
        .prefetch_related("tags", "organisations", "sources")
    )
    practices = list(practices)
    attach_term_keys(practices)
    rows = [practice_export_row(practice, request) for practice in practices]
    return tabular_response(rows, PRACTICE_EXPORT_FIELDS, fmt, "practices")


SUGGESTION_LIMIT = 10


def suggest(request):
    """Up to ten ``{title, url}`` for a search-as-you-type box.

    A suggestion is a live practice of the visitor's language (``lang``, else the negotiated
    language) whose title, a word of its title,
    or one of its tags starts with what was typed.
    """
    q = clean_text(request.GET.get("q", ""))[:100]
    if len(q) < 2:
        return JsonResponse({"results": []})
    language = request.GET.get("lang") or get_language()
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    matches = (
        PracticePage.objects.live()
        .filter(locale=locale)
        .filter(
            Q(title__istartswith=q) | Q(title__icontains=f" {q}") | Q(tags__name__istartswith=q)
        )
        .distinct()
        .order_by("title")[:SUGGESTION_LIMIT]
    )
    return JsonResponse(
        {"results": [{"title": page.title, "url": page.get_url(request)} for page in matches]}
    )
