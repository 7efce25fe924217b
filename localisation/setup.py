"""The translated page trees: every translated language gets the site's pages, idempotently.

``load_translations`` runs after the English tree is loaded. For each locale other than the
default that has ``fixtures/translations/<language>/_site.yaml``, it makes the home page, the
four section pages and one page per country exist as Wagtail translations of the English pages
(``copy_for_translation``: same ``translation_key``, so the switcher, the hreflang links and
wagtail-localize know they belong together), then sets their translated titles, slugs and texts
from ``fixtures/translations/<language>/``:

- ``_site.yaml``: the home page and the section pages;
- ``<slug>.yaml``: a demo translation of the English practice ``<slug>`` (title, slug, summary,
  body), made from the English page so that it keeps its countries, articles, capabilities,
  themes, tags, organisations and sources.

Country pages take their titles from the translated Country rows (``name_<language>`` in
``countries.yaml``). Every page made here is registered with wagtail-localize
(``localisation/sync.py``), so translators carry on in its editor and "Sync translated pages"
works. A language without ``_site.yaml`` is left alone: its translators create its pages in
wagtail-localize, and until then its URLs show the English pages with a notice.
"""

from django.core.management.base import CommandError
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from wagtail.fields import StreamField

from countries.models import Country, CountryIndexPage, CountryPage
from ocsea.core.loading import (
    default_locale,
    fixtures_dir,
    other_locales,
    paragraphs_html,
    read_yaml,
    save_page,
    stream_blocks,
)
from ocsea.core.models import HomePage
from practices.models import PracticeIndexPage, PracticePage
from practices.publication import PublicationRefused
from report.models import AboutSourcePage, RecommendationIndexPage

from .sync import register_translation

SECTIONS = {
    "practices": PracticeIndexPage,
    "countries": CountryIndexPage,
    "recommendations": RecommendationIndexPage,
    "about": AboutSourcePage,
}
SITE_FILE = "_site.yaml"
PAGE_FIELDS = {"title", "slug", "intro", "seo_title", "search_description"}
PRACTICE_FIELDS = ["title", "slug", "summary", "body", "report_section", "report_case_study"]
DEMO_LEDGER_PREFIX = "localisation.demo-translation:"


def translations_dir(language_code):
    return fixtures_dir() / "translations" / language_code


def demo_translation_files(language_code):
    """The demo practice translations of a language, ``{English slug: path}``."""
    folder = translations_dir(language_code)
    return {
        path.stem: path
        for path in sorted(folder.glob("*.yaml"))
        if path.name != SITE_FILE and not path.name.startswith("_")
    }


def demo_ledger_key(language_code, source_slug):
    return f"{DEMO_LEDGER_PREFIX}{language_code}:{source_slug}"


def get_translation(page, locale):
    translation = page.get_translation_or_none(locale)
    return translation.specific if translation is not None else None


def translate_page(source, locale, values, ledger_key, report, kind):
    """Make ``source`` exist in ``locale`` with ``values`` set, published; return it.

    The copy is made once (``copy_for_translation``, parents first) and revised only when
    ``values`` change; one that translators or moderators changed, unpublished or deleted is
    left alone (``LoadReport.load``). ``None`` if they deleted it.
    """

    def write(translation):
        if translation is None:
            translation = source.specific.copy_for_translation(
                locale, copy_parents=True, alias=False
            ).specific
        publish_translation(source, translation, values, locale, report)
        return type(translation).objects.get(pk=translation.pk)  # as published (slug, url_path)

    translation = report.find(
        ledger_key, type(source.specific), lambda: get_translation(source, locale)
    )
    return report.load(kind, ledger_key, values, translation, write)


def publish_translation(source, translation, values, locale, report):
    """Set ``values`` on ``translation``, hand it to wagtail-localize, publish it."""
    for name, value in values.items():
        setattr(translation, name, value)
    for model_field in translation._meta.concrete_fields:
        if isinstance(model_field, StreamField):
            getattr(translation, model_field.attname).get_prep_value()  # new blocks get ids
    # Registered before publishing, so that the translation is not older than its sync.
    if not register_translation(source.specific, translation, locale):
        # Its blocks or paragraphs differ from the English: a plain Wagtail translation.
        report.add("translations not synced by wagtail-localize", "updated")
    try:
        save_page(translation)
    except PublicationRefused as refused:
        report.note(
            f"{locale.language_code}: {translation.slug} saved as a draft, not published: "
            f"{refused.reason}"
        )


def about_values(data):
    """The French (or other) About page: citation and text from ``source.yaml``'s ``*_<lang>``."""
    facts = data.get("facts") or []
    body = paragraphs_html(data.get("about") or "")
    if facts:
        body += format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><b>{}:</b> {}</li>", [(k, v) for k, v in facts]),
        )
    values = {"citation": " ".join((data.get("citation") or "").split()), "body": body}
    return {name: value for name, value in values.items() if value}


def site_values(language_code):
    path = translations_dir(language_code) / SITE_FILE
    if not path.exists():
        return {}
    data = read_yaml(f"translations/{language_code}/{SITE_FILE}") or {}
    source = read_yaml("source.yaml") or {}
    about = data.get("about") or {}
    about.setdefault("citation", source.get(f"citation_{language_code}"))
    about.setdefault("about", source.get(f"about_{language_code}"))
    data["about"] = about
    return data


def page_values(data, where):
    unknown = set(data) - PAGE_FIELDS
    if unknown:
        raise CommandError(f"{where}: unknown fields {sorted(unknown)}")
    return {name: " ".join(str(value).split()) for name, value in data.items()}


def load_site_translation(locale, source_home, report):
    code = locale.language_code
    where = f"fixtures/translations/{code}/{SITE_FILE}"
    data = site_values(code)
    home_values = page_values(
        {k: v for k, v in (data.get("home") or {}).items() if k != "intro"}, where
    )
    if (data.get("home") or {}).get("intro"):
        home_values["intro"] = paragraphs_html(data["home"]["intro"])
    home = translate_page(
        source_home, locale, home_values, f"localisation.page:{code}:home", report, "home pages"
    )
    if home is None:
        return None, {}  # deleted by editors: their language's tree is not re-made
    sections = {}
    for name, model in SECTIONS.items():
        source = model.objects.child_of(source_home).first()
        if source is None:
            continue
        section = dict(data.get(name) or {})
        extra = {}
        if name == "about":
            extra = about_values(
                {key: section.pop(key, None) for key in ("citation", "about", "facts")}
            )
        values = page_values({k: v for k, v in section.items() if k != "intro"}, where)
        if section.get("intro"):
            values["intro"] = paragraphs_html(section["intro"])
        values.update(extra)
        sections[name] = translate_page(
            source, locale, values, f"localisation.page:{code}:{name}", report, "section pages"
        )
    return home, sections


def load_country_page_translations(locale, source_index, report):
    """A translated CountryPage per country, titled with the country's name in ``locale``."""
    names = dict(Country.objects.filter(locale=locale).values_list("iso2", "name"))
    for source in CountryPage.objects.child_of(source_index).select_related("country"):
        iso2 = source.country.iso2
        name = names.get(iso2) or source.title
        values = {"title": name, "slug": slugify(name) or iso2.lower()}
        translate_page(
            source,
            locale,
            values,
            f"localisation.countrypage:{locale.language_code}:{iso2}",
            report,
            "country page translations",
        )


def practice_translation_values(record, where):
    missing = [name for name in ("title", "slug", "summary") if not record.get(name)]
    if missing:
        raise CommandError(f"{where}: missing {missing}")
    unknown = set(record) - set(PRACTICE_FIELDS) - {"translation_of", "translator_note"}
    if unknown:
        raise CommandError(f"{where}: unknown fields {sorted(unknown)}")
    values = {
        "title": record["title"],
        "slug": record["slug"],
        "summary": " ".join(str(record["summary"]).split()),
    }
    if "body" in record:
        values["body"] = stream_blocks(record["body"], where)
    for name in ("report_section", "report_case_study"):
        if record.get(name):
            values[name] = record[name]
    return values


def load_demo_practice_translations(locale, source_index, report):
    """Demo translations of a few practices, each made from its English page."""
    code = locale.language_code
    loaded = []
    for slug, path in demo_translation_files(code).items():
        where = f"fixtures/translations/{code}/{path.name}"
        record = read_yaml(f"translations/{code}/{path.name}") or {}
        if record.get("translation_of", slug) != slug:
            raise CommandError(f"{where}: translation_of must be the file name, {slug!r}")
        values = practice_translation_values(record, where)
        source = report.find(
            f"practices.practicepage:{slug}",
            PracticePage,
            lambda slug=slug: PracticePage.objects.child_of(source_index).filter(slug=slug).first(),
        )
        if source is None:
            if f"practices.practicepage:{slug}" in report.ledger.entries:
                continue  # editors deleted the English practice: nothing to translate
            raise CommandError(f"{where}: no English practice with slug {slug!r}")

        def write(translation, source=source, values=values):
            if translation is None:
                translation = source.copy_for_translation(
                    locale, copy_parents=True, alias=False
                ).specific
            publish_translation(source, translation, values, locale, report)
            return PracticePage.objects.get(pk=translation.pk)

        ledger_key = demo_ledger_key(code, slug)
        translation = report.find(
            ledger_key, PracticePage, lambda source=source: get_translation(source, locale)
        )
        translation = report.load(
            "demo practice translations", ledger_key, record, translation, write
        )
        if translation is not None:
            loaded.append(translation)
    return loaded


def load_translations(report):
    """Translated home, sections, country pages and demo practices for every other locale."""
    source_home = HomePage.objects.filter(locale=default_locale()).first()
    if source_home is None:
        return
    source_countries = CountryIndexPage.objects.child_of(source_home).first()
    source_practices = PracticeIndexPage.objects.child_of(source_home).first()
    for locale in other_locales():
        if not (translations_dir(locale.language_code) / SITE_FILE).exists():
            # No translated titles yet: translators create this language's pages in
            # wagtail-localize ("Translate", with subpages) rather than edit English copies.
            continue
        _home, sections = load_site_translation(locale, source_home, report)
        # copy_for_translation would re-make a missing parent: nothing under a deleted section.
        if source_countries is not None and sections.get("countries") is not None:
            load_country_page_translations(locale, source_countries, report)
        if source_practices is not None and sections.get("practices") is not None:
            load_demo_practice_translations(locale, source_practices, report)


def demo_translations():
    """``{(language code, English slug)}`` of the practice translations loaded from fixtures."""
    from ocsea.core.models import LoadedRecord

    keys = LoadedRecord.objects.filter(key__startswith=DEMO_LEDGER_PREFIX).values_list(
        "key", flat=True
    )
    return {tuple(key[len(DEMO_LEDGER_PREFIX) :].split(":", 1)) for key in keys}
