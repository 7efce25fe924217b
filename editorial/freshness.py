"""Content freshness: practices nobody has checked against their sources for 24 months."""

import datetime

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.models import Locale

from ocsea.core.reports import PageWorkReportView
from practices.models import PracticePage

REVIEW_INTERVAL_MONTHS = 24


def months_before(day, months):
    """The same day ``months`` earlier (the month's last day when that day does not exist)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in range(day.day, 0, -1):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 1 always exists


def review_cutoff(today=None):
    """Practices last reviewed on or before this date are due for review."""
    return months_before(today or timezone.localdate(), REVIEW_INTERVAL_MONTHS)


def practices_due_for_review(today=None):
    """Default-locale practices not reviewed for 24 months, never-reviewed first, then oldest."""
    cutoff = review_cutoff(today)
    return (
        PracticePage.objects.filter(locale=Locale.get_default())
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=cutoff))
        .order_by(F("last_reviewed").asc(nulls_first=True), "title")
    )


class LastReviewedColumn(Column):
    def get_value(self, instance):
        return instance.last_reviewed or _("Never")


class DueForReviewView(PageWorkReportView):
    page_title = _("Practices due for review")
    header_icon = "time"
    index_url_name = "editorial_due_for_review"
    index_results_url_name = "editorial_due_for_review_results"
    no_results_message = _("Every practice has been reviewed in the last 24 months.")
    list_export = ["title", "last_reviewed", "live"]
    columns = [
        TitleColumn("title", label=_("Practice"), url_name="wagtailadmin_pages:edit"),
        LastReviewedColumn("last_reviewed", label=_("Last reviewed")),
        Column("status_string", label=_("Status")),
    ]

    def get_queryset(self):
        return practices_due_for_review()
