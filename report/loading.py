from django.core.management.base import CommandError
from django.utils.html import format_html, format_html_join

from ocsea.core.loading import (
    default_locale,
    is_unchanged,
    other_locales,
    paragraphs_html,
    read_yaml,
    remember,
    save_page,
    upsert_translation,
)
from taxonomy.models import Capability, TreatyArticle

from .models import AboutSourcePage, Recommendation


def load_recommendations(report):
    path = "recommendations.yaml"
    locale = default_locale()
    translations = other_locales()
    for position, record in enumerate(read_yaml(path) or []):
        key = record["key"]
        ledger_key = f"report.recommendation:{key}"
        existing = Recommendation.objects.filter(key=key, locale=locale).first()
        if existing is not None and is_unchanged(ledger_key, record):
            report.add("recommendations", "unchanged")
            continue
        articles = list(
            TreatyArticle.objects.filter(locale=locale, key__in=record.get("articles") or [])
        )
        capabilities = list(
            Capability.objects.filter(locale=locale, number__in=record.get("capabilities") or [])
        )
        if len(articles) != len(record.get("articles") or []) or len(capabilities) != len(
            record.get("capabilities") or []
        ):
            raise CommandError(f"{path}: {key}: unknown article or capability")
        recommendation = existing or Recommendation(key=key, locale=locale)
        recommendation.heading = record["heading"]
        recommendation.text = " ".join(record["text"].split())
        recommendation.source = record.get("source") or ""
        recommendation.sort_order = position
        recommendation.treaty_articles.set(articles)
        recommendation.capabilities.set(capabilities)
        recommendation.save()
        for other in translations:
            upsert_translation(
                recommendation,
                other,
                {"heading": record.get(f"heading_{other.language_code}")},
            )
        remember(ledger_key, record)
        report.add("recommendations", "updated" if existing else "created")


def about_source_values(source):
    """The About page's fields from ``source.yaml``: citation, about text and provenance."""
    facts = [
        ("Publisher", source.get("publisher")),
        ("Year", source.get("year")),
        ("Edition", source.get("edition")),
        (
            "Foreword",
            ", ".join(
                filter(None, [source["foreword"].get("author"), source["foreword"].get("role")])
            )
            if source.get("foreword")
            else None,
        ),
        ("Web links verified", source.get("links_verified")),
    ]
    body = paragraphs_html(source.get("about") or "")
    body += format_html(
        "<ul>{}</ul>",
        format_html_join("", "<li><b>{}:</b> {}</li>", [(k, v) for k, v in facts if v]),
    )
    return {
        "citation": " ".join(source["citation"].split()),
        "source_url": source.get("document_url") or "",
        "body": body,
    }


def load_about_page(home, report):
    source = read_yaml("source.yaml")
    page = AboutSourcePage.objects.child_of(home).first()
    if page is not None and is_unchanged("report.aboutsourcepage", source):
        report.add("about page", "unchanged")
        return page
    created = page is None
    page = AboutSourcePage(locale=home.locale) if created else page.specific
    page.title = "About the source"
    page.slug = "about-the-source"
    for name, value in about_source_values(source).items():
        setattr(page, name, value)
    save_page(page, home)
    remember("report.aboutsourcepage", source)
    report.add("about page", "created" if created else "updated")
    return page
