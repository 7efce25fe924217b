from django.core.management.base import CommandError
from django.utils.html import format_html, format_html_join

from ocsea.core.loading import (
    default_locale,
    load_translated_rows,
    other_locales,
    paragraphs_html,
    read_yaml,
    save_page,
)
from taxonomy.models import Capability, TreatyArticle

from .models import AboutSourcePage, Recommendation


def load_recommendations(report):
    path = "recommendations.yaml"
    locale = default_locale()
    translations = other_locales()
    for position, record in enumerate(read_yaml(path) or []):
        key = record["key"]

        def write(recommendation, key=key, record=record, position=position):
            articles = list(
                TreatyArticle.objects.filter(locale=locale, key__in=record.get("articles") or [])
            )
            capabilities = list(
                Capability.objects.filter(
                    locale=locale, number__in=record.get("capabilities") or []
                )
            )
            if len(articles) != len(record.get("articles") or []) or len(capabilities) != len(
                record.get("capabilities") or []
            ):
                raise CommandError(f"{path}: {key}: unknown article or capability")
            recommendation = recommendation or Recommendation(key=key, locale=locale)
            recommendation.heading = record["heading"]
            recommendation.text = " ".join(record["text"].split())
            recommendation.source = record.get("source") or ""
            recommendation.sort_order = position
            recommendation.treaty_articles.set(articles)
            recommendation.capabilities.set(capabilities)
            recommendation.save()
            return recommendation

        ledger_key = f"report.recommendation:{key}"
        recommendation = report.load(
            "recommendations",
            ledger_key,
            record,
            report.find(
                ledger_key,
                Recommendation,
                lambda key=key: Recommendation.objects.filter(key=key, locale=locale).first(),
            ),
            write,
        )
        load_translated_rows(report, ledger_key, record, recommendation, translations, ["heading"])


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

    def write(page):
        page = AboutSourcePage(locale=home.locale) if page is None else page
        page.title = "About the source"
        page.slug = "about-the-source"
        for name, value in about_source_values(source).items():
            setattr(page, name, value)
        return save_page(page, home)

    ledger_key = "report.aboutsourcepage"
    page = report.find(
        ledger_key, AboutSourcePage, lambda: AboutSourcePage.objects.child_of(home).first()
    )
    return report.load("about page", ledger_key, source, page, write)
