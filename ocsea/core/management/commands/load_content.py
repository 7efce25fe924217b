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
from search_tuning.loading import load_synonyms
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


def load_home(report):
    """The default-locale home page; when first made, the default site's root in place of
    Wagtail's welcome page. ``None`` if editors deleted it."""
    locale = default_locale()
    data = {"title": "OCSEA Practice Atlas", "slug": "home", "intro": HOME_INTRO}

    def write(home):
        if home is None:
            root = Page.get_first_root_node()
            for placeholder in root.get_children().exact_type(Page):
                if placeholder.numchild == 0:
                    placeholder.delete()
            home = HomePage(locale=locale)
            created = True
        else:
            created = False
        home.title, home.slug, home.intro = data["title"], data["slug"], data["intro"]
        save_page(home, Page.get_first_root_node())
        site = Site.objects.filter(is_default_site=True).first()
        if created or site is None:
            site = site or Site(is_default_site=True)
            site.hostname, site.port, site.site_name = "localhost", 80, "OCSEA Practice Atlas"
            site.root_page = home
            site.save()
        return home

    home = report.find(
        "core.homepage", HomePage, lambda: HomePage.objects.filter(locale=locale).first()
    )
    return report.load("home page", "core.homepage", data, home, write)


def load_section(report, home, page_class, title, slug, intro):
    data = {"title": title, "slug": slug, "intro": intro}

    def write(page):
        page = page_class(locale=home.locale) if page is None else page
        page.title, page.slug, page.intro = title, slug, intro
        return save_page(page, home)

    key = page_class._meta.label_lower
    page = report.find(key, page_class, lambda: page_class.objects.child_of(home).first())
    return report.load("sections", key, data, page, write)


class Command(BaseCommand):
    help = (
        "Load fixtures/ into the database: add what is missing, update what the fixtures "
        "changed and editors did not, and leave alone (and list) what editors changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="List what a load would create, update or leave alone, and write nothing.",
        )
        parser.add_argument(
            "--reset",
            nargs="?",
            const="*",
            action="append",
            default=[],
            metavar="KEY",
            help=(
                "Development: overwrite records editors changed, and re-create those they "
                "deleted. Alone, every record; with a key (repeatable), that record or kind, "
                "e.g. practices:barnahus, taxonomy.theme:governance, practices."
            ),
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            report = LoadReport(reset=options["reset"])
            self.load(report)
            if options["check"]:
                transaction.set_rollback(True)
        for line in report.lines():
            self.stdout.write(line)
        if options["check"]:
            self.stdout.write(self.style.WARNING("Nothing was written (--check)."))
        else:
            self.stdout.write(self.style.SUCCESS("Content loaded."))

    def load(self, report):
        ensure_locales()
        load_taxonomy(report)
        load_countries(report)
        load_recommendations(report)
        load_synonyms(report)
        home = load_home(report)
        if home is not None:
            practice_index, country_index, _ = (
                load_section(report, home, *section) for section in SECTIONS
            )
            load_about_page(home, report)
            if country_index is not None:
                load_country_pages(country_index, report)
            if practice_index is not None:
                load_practices(practice_index, report)
        load_translations(report)  # French (and any other) trees: localisation app
        # Roles and the review workflow last, so they reach every locale's new pages.
        setup_editorial()
