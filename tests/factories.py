"""Small builders for test content: each test builds only the tree it needs."""

import datetime

from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from countries.models import Country, CountryIndexPage, CountryPage
from ocsea.core.loading import ensure_locales, save_page
from ocsea.core.models import HomePage
from practices.models import PracticeIndexPage, PracticePage, PracticeSource, PracticeTagEvidence
from practices.publication import publication_problems
from report.models import AboutSourcePage, RecommendationIndexPage
from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle


def build_site():
    """Home page with the four section pages, as the default site, in the default locale."""
    locales = ensure_locales()
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    home = save_page(HomePage(title="Atlas", slug="home", locale=locale), root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Atlas"},
    )
    practices = save_page(PracticeIndexPage(title="Practices", slug="practices"), home)
    countries = save_page(CountryIndexPage(title="Countries", slug="countries"), home)
    about = save_page(
        AboutSourcePage(title="About the source", slug="about-the-source", citation="Cite me."),
        home,
    )
    recommendations = save_page(
        RecommendationIndexPage(title="Recommendations", slug="recommendations"), home
    )
    return {
        "locales": locales,
        "home": home,
        "practices": practices,
        "countries": countries,
        "about": about,
        "recommendations": recommendations,
    }


def country(iso2, name, **indicators):
    return Country.objects.create(iso2=iso2, name=name, locale=Locale.get_default(), **indicators)


def capability(number, name, domain="Criminal Justice"):
    return Capability.objects.create(
        number=number, name=name, domain=domain, locale=Locale.get_default()
    )


def theme(key, name):
    return Theme.objects.create(key=key, name=name, locale=Locale.get_default())


def article(convention, number, title):
    return TreatyArticle.objects.create(
        key=TreatyArticle.make_key(convention, number),
        convention=convention,
        number=number,
        title=title,
        locale=Locale.get_default(),
    )


def target_group(key, name):
    return TargetGroup.objects.create(key=key, name=name, locale=Locale.get_default())


def country_page(index, country):
    return save_page(
        CountryPage(title=country.name, slug=country.iso2.lower(), country=country), index
    )


def practice(
    index,
    title,
    *,
    countries=(),
    capabilities=(),
    themes=(),
    articles=(),
    targets=(),
    tags=(),
    summary=None,
    reviewed=None,
    body=(),
    live=True,
    evidence=True,
):
    page = PracticePage(
        title=title,
        summary=summary or f"{title} summary.",
        last_reviewed=reviewed or datetime.date(2026, 11, 28),
    )
    page.countries.set(list(countries))
    page.capabilities.set(list(capabilities))
    page.themes.set(list(themes))
    page.treaty_articles.set(list(articles))
    page.target_groups.set(list(targets))
    page.tags.set(list(tags))
    page.body = [("paragraph", RichText(f"<p>{paragraph}</p>")) for paragraph in body]
    page.sources = [PracticeSource(url="https://example.org/source", label="A source", footnote=1)]
    page.evidence = [
        PracticeTagEvidence(
            facet="capability",
            key=str(capability.number),
            quote=f"{title} is capability {capability.number}.",
            section="Test section",
        )
        for capability in capabilities
        if evidence
    ]
    if live and not publication_problems(page):
        return save_page(page, index)
    page.live = False
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        # Listing tests need live practices without every tag, which the publication rules
        # refuse: published as the loader published the report's practices before the rules
        # applied to it (Wagtail's own publishing, without PracticePage's check).
        Page.publish(page, revision)
        page.refresh_from_db()
    return page
