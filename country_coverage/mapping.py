"""The choropleth map of the member states: one indicator, binned, rendered as SVG on the server."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from countries.indicators import display, number, numeric, percent
from countries.models import Country, country_page_urls

from .counting import practice_counts_by_country

GEOMETRY = Path(__file__).with_name("geometry") / "europe.json"
LABEL_MIN_SIZE = 22  # output units: smaller countries are labelled through their name only


@cache
def geometry():
    return json.loads(GEOMETRY.read_text())


@dataclass(frozen=True)
class MapIndicator:
    key: str
    label: str
    # (lowest, highest) of each class, inclusive; None is open-ended.
    bins: tuple

    def value(self, country, practice_counts):
        if self.key == "practice_count":
            return practice_counts.get(country.iso2, 0)
        return getattr(country, self.key)

    def text(self, value):
        if self.key == "practice_count":
            return number(value)
        return display(self.key, value)

    def short(self, value):
        """The value as printed on the map."""
        if self.key == "ncmec_change_percent":  # whole percents, but never "−0 %"
            return percent(value, 0 if abs(value) >= 1 else 1, signed=True)
        return number(numeric(value)) if self.key != "practice_count" else number(value)

    def bin_of(self, value):
        amount = numeric(value)
        if amount is None:
            return None
        for index, (low, high) in enumerate(self.bins, start=1):
            if (low is None or amount >= low) and (high is None or amount <= high):
                return index
        return None

    def bin_label(self, index):
        low, high = self.bins[index - 1]
        fmt = (lambda v: percent(v, 2)) if self.key == "ncmec_change_percent" else number
        if self.key == "ncmec_change_percent" and low is None:
            return _("a decrease")
        if low is None:
            return _("%(value)s or less") % {"value": fmt(high)}
        if high is None:
            return _("%(value)s or more") % {"value": fmt(low)}
        if low == high:
            return fmt(low)
        return _("%(low)s to %(high)s") % {"low": fmt(low), "high": fmt(high)}


INDICATORS = [
    MapIndicator(
        "practice_count",
        gettext_lazy("Practices in the atlas"),
        ((0, 0), (1, 5), (6, 8), (9, 12), (13, None)),
    ),
    MapIndicator(
        "icmec_grooming_score",
        gettext_lazy("ICMEC grooming legislation score (out of 5)"),
        ((0, 1), (2, 2), (3, 3), (4, 4), (5, 5)),
    ),
    MapIndicator(
        "icmec_csam_score",
        gettext_lazy("ICMEC CSAM legislation score (out of 5)"),
        ((0, 1), (2, 2), (3, 3), (4, 4), (5, 5)),
    ),
    MapIndicator(
        "ncmec_change_percent",
        gettext_lazy("Change in NCMEC reports, 2019–2020"),
        ((None, -0.01), (0, 9.99), (10, 24.99), (25, 49.99), (50, None)),
    ),
    MapIndicator(
        "crin_access_to_justice_score",
        gettext_lazy("CRIN access to justice score (out of 261)"),
        ((None, 129.9), (130, 149.9), (150, 169.9), (170, 189.9), (190, None)),
    ),
    MapIndicator(
        "age_of_consent",
        gettext_lazy("Age of consent to sexual activity"),
        ((None, 14), (15, 15), (16, 16), (17, 17), (18, None)),
    ),
]
INDICATORS_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
DEFAULT_INDICATOR = "practice_count"
SORTS = ("name", "value", "-value")


def build_map(locale, params, request):
    indicator = INDICATORS_BY_KEY.get(params.get("indicator", ""))
    notices = []
    if indicator is None:
        if params.get("indicator"):
            notices.append(_("Unknown indicator ignored."))
        indicator = INDICATORS_BY_KEY[DEFAULT_INDICATOR]
    shapes = geometry()
    practice_counts = practice_counts_by_country(locale)
    pages = country_page_urls(locale, request)
    countries = []
    for iso2, country in sorted(Country.objects.by_key(locale).items()):
        shape = shapes["countries"].get(iso2)
        value = indicator.value(country, practice_counts)
        if value == "unknown":
            value = None
        bin_index = indicator.bin_of(value)
        text = indicator.text(value) if bin_index else ""
        label = shape["label"] if shape and shape["size"] >= LABEL_MIN_SIZE else None
        countries.append(
            {
                "iso2": iso2,
                "name": country.name,
                "url": pages.get(iso2, ""),
                "value": numeric(value),
                "text": text or _("no data"),
                "short": indicator.short(value) if bin_index else "",
                "bin": bin_index,
                "fill": f"map-fill--{bin_index}" if bin_index else "map-fill--nodata",
                "shape": shape,
                "label_x": label[0] if label else None,
                "label_y": label[1] if label else None,
            }
        )
    legend = [
        {
            "fill": f"map-fill--{index}",
            "label": indicator.bin_label(index),
            "count": sum(1 for c in countries if c["bin"] == index),
        }
        for index in range(1, len(indicator.bins) + 1)
    ]
    legend.append(
        {
            "fill": "map-fill--nodata",
            "label": _("no data"),
            "count": sum(1 for c in countries if not c["bin"]),
        }
    )
    sort = params.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    table = list(countries)
    if sort != "name":
        present = [c for c in table if c["value"] is not None]
        missing = [c for c in table if c["value"] is None]
        present.sort(key=lambda c: (c["value"] * (-1 if sort == "-value" else 1), c["name"]))
        table = present + missing
    else:
        table.sort(key=lambda c: c["name"])
    return {
        "indicator": indicator,
        "indicators": INDICATORS,
        "countries": countries,
        "table": table,
        "legend": legend,
        "sort": sort,
        "width": shapes["width"],
        "height": shapes["height"],
        "others": shapes["others"],
        "notices": notices,
    }
