import re
from decimal import Decimal

from django.core.management.base import CommandError
from django.utils.text import slugify

from ocsea.core.loading import (
    default_locale,
    is_unchanged,
    other_locales,
    read_yaml,
    remember,
    save_page,
    upsert_translation,
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


def load_countries(report):
    data = read_yaml(PATH)
    for record in data.get("indicators", []):
        Indicator.objects.update_or_create(
            key=record["key"],
            defaults={
                "label": record["label"],
                "figure": record["figure"],
                "year": record.get("year"),
                "footnote": record.get("footnote"),
                "source_url": record.get("source_url") or "",
                "note": (record.get("note") or "").strip(),
            },
        )
    source_locale = default_locale()
    translations = other_locales()
    seen = set()
    for record in data["countries"]:
        iso2 = record.get("iso2")
        if not isinstance(iso2, str) or not ISO2.match(iso2) or iso2 in seen:
            raise CommandError(f"{PATH}: invalid or repeated iso2 {iso2!r}")
        seen.add(iso2)
        ledger_key = f"countries.country:{iso2}"
        if (
            is_unchanged(ledger_key, record)
            and Country.objects.filter(iso2=iso2, locale=source_locale).exists()
        ):
            report.add("countries", "unchanged")
            continue
        country, created = Country.objects.update_or_create(
            iso2=iso2, locale=source_locale, defaults=country_values(record)
        )
        for locale in translations:
            upsert_translation(
                country, locale, {"name": record.get(f"name_{locale.language_code}")}
            )
        remember(ledger_key, record)
        report.add("countries", "created" if created else "updated")
    return data


def load_country_pages(country_index, report):
    """One page per country under ``country_index`` (default locale), matched by country."""
    for country in Country.objects.filter(locale=country_index.locale).order_by("iso2"):
        page = (
            CountryPage.objects.child_of(country_index).filter(country__iso2=country.iso2).first()
        )
        ledger_key = f"countries.countrypage:{country.iso2}"
        data = {"title": country.name, "slug": slugify(country.name)}
        if page is not None and is_unchanged(ledger_key, data):
            report.add("country pages", "unchanged")
            continue
        created = page is None
        if created:
            page = CountryPage(country=country, locale=country_index.locale)
        page.title = country.name
        page.slug = data["slug"]
        save_page(page, country_index)
        remember(ledger_key, data)
        report.add("country pages", "created" if created else "updated")
