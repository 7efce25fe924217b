"""Compare 2 to 4 countries side by side: indicators and practice counts per capability."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from countries.indicators import numeric
from countries.models import Country, Indicator, country_page_urls, indicator_rows
from practices.facets import FACETS_BY_PARAM, facet_vocabulary

from .counting import cross_counts, live_practice_ids
from .profile import listing_link

MIN_COUNTRIES = 2
MAX_COUNTRIES = 4


@dataclass
class Comparison:
    countries: list = field(default_factory=list)
    message: str = ""
    notices: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    capabilities: list = field(default_factory=list)
    totals: list = field(default_factory=list)

    @property
    def ready(self):
        return not self.message


def chosen_codes(params, known):
    """Distinct known ISO codes from ``c`` (case-insensitive), in the order given."""
    codes, unknown = [], []
    for raw in params.getlist("c"):
        code = raw.strip().upper()
        if not code:
            continue
        if code in known and code not in codes:
            codes.append(code)
        elif code not in known:
            unknown.append(raw.strip()[:10])
    return codes, unknown


def mark_differences(row):
    """Flag the highest and lowest values of a row and whether its values differ."""
    values = [cell["number"] for cell in row["cells"] if cell["number"] is not None]
    row["differs"] = len({cell["text"] for cell in row["cells"]}) > 1
    if len(values) >= 2 and max(values) != min(values):
        for cell in row["cells"]:
            cell["highest"] = cell["number"] == max(values)
            cell["lowest"] = cell["number"] == min(values)
    return row


def build_comparison(locale, params, listing_url, request):
    countries_by_code = Country.objects.by_key(locale)
    codes, unknown = chosen_codes(params, countries_by_code)
    comparison = Comparison()
    if unknown:
        comparison.notices.append(
            _("Not a member state in the atlas, ignored: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    if len(codes) < MIN_COUNTRIES:
        comparison.message = _("Choose at least 2 countries to compare (you chose %(n)s).") % {
            "n": len(codes)
        }
    elif len(codes) > MAX_COUNTRIES:
        comparison.message = _(
            "Choose at most 4 countries to compare (you chose %(n)s). Remove some and compare "
            "again."
        ) % {"n": len(codes)}
    comparison.countries = [countries_by_code[code] for code in codes]
    if not comparison.ready:
        return comparison

    page_urls = country_page_urls(locale, request)
    for country in comparison.countries:
        country.page_url = page_urls.get(country.iso2, "")

    provenance = {indicator.key: indicator for indicator in Indicator.objects.all()}
    per_country = [indicator_rows(country, provenance) for country in comparison.countries]
    for position, first in enumerate(per_country[0]):
        cells = []
        for rows in per_country:
            row = rows[position]
            cells.append(
                {
                    "text": row["display"],
                    "number": None if first["key"] == "enoc_membership" else numeric(row["value"]),
                    "unknown": row["value"] == "unknown",
                }
            )
        comparison.indicators.append(
            mark_differences(
                {
                    "key": first["key"],
                    "label": first["label"],
                    "organisation": first["organisation"],
                    "indicator": first["indicator"],
                    "cells": cells,
                }
            )
        )

    practice_ids = live_practice_ids(locale)
    pairs = cross_counts(practice_ids, "country", "capability")
    totals = FACETS_BY_PARAM["country"].counts(practice_ids)
    comparison.totals = [
        {
            "count": totals.get(code, 0),
            "url": listing_link(listing_url, country=code) if totals.get(code) else "",
        }
        for code in codes
    ]
    for key, label, domain in facet_vocabulary(locale)["capability"]:
        cells = []
        for code in codes:
            count = pairs.get((code, key), 0)
            cells.append(
                {
                    "text": str(count),
                    "number": count,
                    "url": listing_link(listing_url, country=code, capability=key) if count else "",
                }
            )
        comparison.capabilities.append(
            mark_differences({"key": key, "label": label, "domain": domain, "cells": cells})
        )
    return comparison
