"""A country's indicators in context: the Council of Europe and global figures the report
gives, the distribution of ICMEC scores across member states, and the NCMEC 2019–2020 chart."""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .indicators import display, number, percent

CONTEXT_LABELS = {
    "coe_total": gettext_lazy("Council of Europe member states, total"),
    "coe_average": gettext_lazy("Council of Europe average"),
    "global_total": gettext_lazy("Global total"),
    "global_average": gettext_lazy("Global average"),
}
DISTRIBUTED = ("icmec_csam_score", "icmec_grooming_score")


def add_context(rows, country):
    """Give each indicator row ``context`` (figures from the report) and, for ICMEC scores,
    ``distribution``: how many member states have each score (counted from the same figure)."""
    from .models import Country

    for row in rows:
        indicator = row["indicator"]
        row["context"] = [
            {
                "label": CONTEXT_LABELS.get(entry.get("kind"), entry.get("kind")),
                "text": display(row["key"], Decimal(str(entry["value"]))),
                "where": entry.get("where", ""),
            }
            for entry in (indicator.context if indicator else [])
        ]
        if row["key"] in DISTRIBUTED and row["value"] is not None:
            scores = Counter(
                Country.objects.filter(locale_id=country.locale_id)
                .exclude(**{f"{row['key']}__isnull": True})
                .values_list(row["key"], flat=True)
            )
            row["distribution"] = [
                {
                    "score": number(score),
                    "count": scores[score],
                    "current": score == row["value"],
                }
                for score in sorted(scores, reverse=True)
            ]
            row["distribution_total"] = sum(scores.values())
            row["pips"] = [index < row["value"] for index in range(row["maximum"] or 5)]
    return rows


CHART_WIDTH, CHART_HEIGHT = 320, 120
BAR_LEFT, BAR_MAX = 60, 180


def ncmec_chart(country):
    """The NCMEC reports of 2019 and 2020 as two bars, or None without both figures."""
    before, after = country.ncmec_reports_2019, country.ncmec_reports_2020
    if before is None or after is None:
        return None
    largest = max(before, after) or 1
    bars = []
    for position, (year, value) in enumerate([(2019, before), (2020, after)]):
        width = round(BAR_MAX * value / largest, 1)
        y = 20 + position * 45
        bars.append(
            {
                "year": year,
                "value": number(value),
                "y": y,
                "width": max(width, 1),
                "label_y": y + 20,
                "value_x": BAR_LEFT + max(width, 1) + 6,
            }
        )
    change = country.ncmec_change_percent
    title = _("NCMEC reports: %(before)s in 2019, %(after)s in 2020") % {
        "before": number(before),
        "after": number(after),
    }
    if change is not None:
        title += " (" + percent(change, signed=True) + ")"
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "bar_left": BAR_LEFT,
        "bars": bars,
        "title": title,
        "change": percent(change, signed=True) if change is not None else "",
    }
