import re
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils.text import slugify

from ocsea.core.loading import (
    default_locale,
    load_translated_rows,
    other_locales,
    read_yaml,
    save_page,
    save_row,
)

from .models import INDICATOR_FIELDS, Country, CountryPage, EnocMembership, Indicator

PATH = "countries.yaml"
ISO2 = re.compile(r"^[A-Z]{2}$")
TEXT_INDICATORS = {
    "enoc_membership",
    "other_reported_ombudsperson",
    "minimum_age_criminal_responsibility",
    "age_of_consent",
}


def indicator_value(name, value):
    if value is None:
        return "" if name in TEXT_INDICATORS else None
    if name in TEXT_INDICATORS:
        return str(value)
    if name.startswith("ncmec_reports"):
        return int(value)
    return Decimal(str(value))


def country_values(record):
    enoc = record.get("enoc_membership") or ""
    if enoc and enoc not in EnocMembership.values:
        raise CommandError(f"{PATH}: {record['iso2']}: unknown enoc_membership {enoc!r}")
    values = {
        name: indicator_value(name, record.get(name))
        for name in INDICATOR_FIELDS + ["other_reported_ombudsperson"]
    }
    day = record.get("safer_internet_day_2021") or {}
    values.update(
        name=record["name"],
        report_name=record.get("report_name") or "",
        safer_internet_day_2021_date=day.get("date"),
        safer_internet_day_2021_activities=(day.get("activities") or "").strip(),
    )
    return values


def indicator_values(record):
    return {
        "label": record["label"],
        "figure": record["figure"],
        "year": record.get("year"),
        "footnote": record.get("footnote"),
        "source_url": record.get("source_url") or "",
        "note": (record.get("note") or "").strip(),
        "context": [
            {"kind": entry["kind"], "value": entry["value"], "where": entry.get("where", "")}
            for entry in record.get("context") or []
        ],
    }


def load_countries(report):
    data = read_yaml(PATH)
    for record in data.get("indicators", []):
        key = record["key"]
        ledger_key = f"countries.indicator:{key}"
        report.load(
            "indicators",
            ledger_key,
            record,
            report.find(
                ledger_key, Indicator, lambda key=key: Indicator.objects.filter(key=key).first()
            ),
            lambda row, key=key, record=record: save_row(
                Indicator, row, {"key": key}, indicator_values(record)
            ),
        )
    source_locale = default_locale()
    translations = other_locales()
    seen = set()
    for record in data["countries"]:
        iso2 = record.get("iso2")
        if not isinstance(iso2, str) or not ISO2.match(iso2) or iso2 in seen:
            raise CommandError(f"{PATH}: invalid or repeated iso2 {iso2!r}")
        seen.add(iso2)
        lookup = {"iso2": iso2, "locale": source_locale}
        ledger_key = f"countries.country:{iso2}"
        country = report.load(
            "countries",
            ledger_key,
            record,
            report.find(
                ledger_key, Country, lambda lookup=lookup: Country.objects.filter(**lookup).first()
            ),
            lambda row, lookup=lookup, record=record: save_row(
                Country, row, lookup, country_values(record)
            ),
        )
        load_translated_rows(report, ledger_key, record, country, translations, ["name"])
    return data


def load_country_pages(country_index, report):
    """One page per country under ``country_index`` (default locale), matched by country."""
    for country in Country.objects.filter(locale=country_index.locale).order_by("iso2"):
        ledger_key = f"countries.countrypage:{country.iso2}"
        data = {"title": country.name, "slug": slugify(country.name)}

        def write(page, country=country, data=data):
            if page is None:
                page = CountryPage(country=country, locale=country_index.locale)
            page.title, page.slug = data["title"], data["slug"]
            return save_page(page, country_index)

        page = report.find(
            ledger_key,
            CountryPage,
            lambda iso2=country.iso2: (
                CountryPage.objects.child_of(country_index).filter(country__iso2=iso2).first()
            ),
        )
        report.load("country pages", ledger_key, data, page, write)
