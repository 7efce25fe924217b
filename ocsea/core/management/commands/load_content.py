from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from countries.loading import load_countries, load_country_pages
from countries.models import CountryIndexPage
from editorial.setup import setup_editorial
from localisation.setup import load_translations
from ocsea.core.loading import LoadReport, default_locale, ensure_locales, save_page
from ocsea.core.models import HomePage
from practices.loading import load_practices
from practices.models import PracticeIndexPage
from report.loading import load_about_page, load_recommendations
from report.models import RecommendationIndexPage
from taxonomy.loading import load_taxonomy

HOME_INTRO = (
    "<p>The OCSEA Practice Atlas collects the promising practices against online child sexual "
    "exploitation and abuse described in the Council of Europe baseline mapping of member "
    "states' responses (2021 update). Each practice is tagged with the countries, the articles "
    "of the Lanzarote and Budapest Conventions and the WePROTECT Model National Response "
    "capabilities the report ties it to.</p>"
)
SECTIONS = [
    (PracticeIndexPage, "Practices", "practices", "<p>Search and filter every practice.</p>"),
    (
        CountryIndexPage,
        "Countries",
        "countries",
        "<p>The 47 Council of Europe member states covered by the report, with its indicators "
        "and their practices.</p>",
    ),
    (
        RecommendationIndexPage,
        "Recommendations",
        "recommendations",
        "<p>The report's recommendations to member states, with the treaty articles and "
        "capabilities each one names.</p>",
    ),
]


def ensure_home():
    """The default-locale home page as the default site's root, replacing Wagtail's welcome page."""
    locale = default_locale()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.numchild == 0:
                placeholder.delete()
        home = HomePage(title="OCSEA Practice Atlas", slug="home", intro=HOME_INTRO, locale=locale)
        save_page(home, root)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        site.hostname, site.port, site.site_name = "localhost", 80, "OCSEA Practice Atlas"
        site.root_page = home
        site.save()
    return home


def ensure_section(home, page_class, title, slug, intro):
    page = page_class.objects.child_of(home).first()
    if page is None:
        page = page_class(title=title, slug=slug, intro=intro, locale=home.locale)
        save_page(page, home)
    return page


class Command(BaseCommand):
    help = "Load (or update) every fixture under fixtures/: taxonomy, countries, practices, pages."

    def handle(self, *args, **options):
        report = LoadReport()
        with transaction.atomic():
            ensure_locales()
            load_taxonomy(report)
            load_countries(report)
            load_recommendations(report)
            home = ensure_home()
            practice_index, country_index, _ = (
                ensure_section(home, *section) for section in SECTIONS
            )
            load_about_page(home, report)
            load_country_pages(country_index, report)
            load_practices(practice_index, report)
            load_translations(report)  # French (and any other) trees: localisation app
            # Roles and the review workflow last, so they reach every locale's new pages.
            setup_editorial()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Content loaded."))
