from django.conf import settings
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from countries.models import country_page_urls
from ocsea.core.views import tabular_response

from . import matrix as coverage_matrix
from .compare import MAX_COUNTRIES, build_comparison
from .counting import practice_listing_url
from .mapping import build_map
from .profile import compare_choices


def language_versions(request):
    """The language switcher's links for these views: the same URL and query in each language."""
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        name = get_language_info(code)["name_local"]
        versions.append(
            {
                "code": code,
                "name_local": name[:1].upper() + name[1:],
                "url": translate_url(request.get_full_path(), code),
                "is_current": code == current,
            }
        )
    return versions


def render_view(request, template, context):
    context["language_versions"] = language_versions(request)
    return render(request, template, context)


@require_GET
def coverage(request):
    """Countries (or treaty articles) × MNR capabilities, counting live practices."""
    locale = Locale.get_active()
    listing_url = practice_listing_url(locale, request)
    view = request.GET.get("view", coverage_matrix.DEFAULT_VIEW)
    matrix = coverage_matrix.build_matrix(locale, request.GET, listing_url, view)
    if request.GET.get("format") == "csv":
        rows, fields = coverage_matrix.csv_rows(matrix)
        return tabular_response(rows, fields, "csv", f"coverage-{matrix.view}")

    view_param = "" if matrix.view == coverage_matrix.DEFAULT_VIEW else matrix.view
    sort_links = {
        key: "?" + coverage_matrix.query_string(matrix.selected, view=view_param, sort=key)
        for key in ["name", "total"] + [f"cap-{column['key']}" for column in matrix.columns]
    }
    for column in matrix.columns:
        column["sort_url"] = sort_links[f"cap-{column['key']}"]
        column["sorted"] = matrix.sort == f"cap-{column['key']}"
    if matrix.row_param == "country":
        urls = country_page_urls(locale, request)
        for row in matrix.rows:
            row["page_url"] = urls.get(row["key"], "")
    context = {
        "matrix": matrix,
        "views": [
            {
                "key": key,
                "label": spec["label"],
                "url": "?"
                + coverage_matrix.query_string(
                    matrix.selected,
                    view="" if key == coverage_matrix.DEFAULT_VIEW else key,
                ),
                "current": key == matrix.view,
            }
            for key, spec in coverage_matrix.VIEWS.items()
        ],
        "sort_links": sort_links,
        "csv_url": "?"
        + coverage_matrix.query_string(
            matrix.selected, view=view_param, sort=matrix.sort, format="csv"
        ),
        "listing_url": listing_url,
        "view_param": view_param,
    }
    return render_view(request, "country_coverage/coverage.html", context)


@require_GET
def compare(request):
    """2 to 4 countries side by side (``?c=AL&c=RS``); other numbers get a message."""
    locale = Locale.get_active()
    listing_url = practice_listing_url(locale, request)
    comparison = build_comparison(locale, request.GET, listing_url, request)
    only_differences = request.GET.get("only") == "differences"
    chosen = [country.iso2 for country in comparison.countries]
    slots = [chosen[i] if i < len(chosen) else "" for i in range(MAX_COUNTRIES)]
    context = {
        "comparison": comparison,
        "only_differences": only_differences,
        "choices": compare_choices(locale),
        "slots": slots,
        "codes_query": "&".join(f"c={code}" for code in chosen[:MAX_COUNTRIES]),
    }
    return render_view(request, "country_coverage/compare.html", context)


@require_GET
def member_state_map(request):
    """A choropleth of the member states for one indicator, with its table (no JavaScript)."""
    locale = Locale.get_active()
    return render_view(
        request, "country_coverage/map.html", {"map": build_map(locale, request.GET, request)}
    )
