from django.http import Http404
from django.views.decorators.cache import cache_control
from wagtail.models import Locale

from ocsea.core.views import tabular_response

from . import hooks
from .models import Country, country_page_urls

COUNTRY_EXPORT_FIELDS = [
    "iso2",
    "name",
    "url",
    "enoc_membership",
    "icmec_csam_score",
    "icmec_grooming_score",
    "ncmec_reports_2019",
    "ncmec_reports_2020",
    "crin_access_to_justice_score",
    "minimum_age_criminal_responsibility",
    "age_of_consent",
    "practice_count",
]


def _number(value):
    """Decimals as JSON numbers: integers stay integers, others become floats."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _age(value):
    """Ages are numbers where the report gives one number, its own text otherwise."""
    if not value:
        return None
    return int(value) if value.isdigit() else value


@cache_control(public=True, max_age=300)
def countries_export(request, fmt):
    """The member states with the report's indicators and their live practice counts."""
    if fmt not in ("json", "csv"):
        raise Http404
    locale = Locale.get_default()
    practice_counts = hooks.practice_counts(locale)
    page_urls = country_page_urls(locale, request)
    rows = []
    for country in Country.objects.filter(locale=locale).order_by("iso2"):
        rows.append(
            {
                "iso2": country.iso2,
                "name": country.name,
                "url": page_urls.get(country.iso2),
                "enoc_membership": country.enoc_membership or None,
                "icmec_csam_score": _number(country.icmec_csam_score),
                "icmec_grooming_score": _number(country.icmec_grooming_score),
                "ncmec_reports_2019": country.ncmec_reports_2019,
                "ncmec_reports_2020": country.ncmec_reports_2020,
                "crin_access_to_justice_score": _number(country.crin_access_to_justice_score),
                "minimum_age_criminal_responsibility": _age(
                    country.minimum_age_criminal_responsibility
                ),
                "age_of_consent": _age(country.age_of_consent),
                "practice_count": practice_counts.get(country.iso2, 0),
            }
        )
    return tabular_response(rows, COUNTRY_EXPORT_FIELDS, fmt, "countries")
