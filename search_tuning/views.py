"""The "Searches with no results" report: what searchers typed and did not find, last 30 days.

Each line is a query (as Wagtail's query log normalises it) and how many searches for it found
nothing; editors turn it into a synonym, a promoted result or a new practice.
"""

import datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query
from wagtail.permissions import page_permission_policy

from .promotions import REPORT_DAYS, flush_search_log


def queries_without_results(days=REPORT_DAYS, today=None):
    since = (today or timezone.now().date()) - datetime.timedelta(days=days - 1)
    return (
        Query.objects.filter(without_results__date__gte=since)
        .annotate(misses=Sum("without_results__hits"))
        .filter(misses__gt=0)
        .order_by("-misses", "query_string")
    )


class SearchesWithoutResultsView(ReportView):
    page_title = _("Searches with no results")
    header_icon = "search"
    index_url_name = "search_tuning_without_results"
    index_results_url_name = "search_tuning_without_results_results"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    no_results_message = _("Every search of the last 30 days found something.")
    list_export = ["query_string", "misses"]
    export_headings = {"query_string": _("Search"), "misses": _("Searches with no results")}
    columns = [
        Column("query_string", label=_("Search")),
        Column("misses", label=_("Searches with no results (last 30 days)")),
    ]

    def get_queryset(self):
        flush_search_log()  # the searches still counted in the cache, first
        return queries_without_results()
