"""The French page tree: home, sections, country pages and demo practices, made idempotently."""

import shutil

import pytest
import yaml
from django.core.management.base import CommandError
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation, TranslationSource

from countries.models import CountryPage
from localisation.setup import (
    demo_translation_files,
    demo_translations,
    load_translations,
    practice_translation_values,
)
from localisation.status import practice_translation_statuses
from ocsea.core.loading import (
    LoadReport,
    fixtures_dir,
    read_yaml,
    save_page,
    stream_blocks,
    upsert_translation,
)
from practices.models import PracticePage
from tests import factories
from tests.l10n import french

SITE = {
    "home": {"title": "Atlas des pratiques OCSEA", "intro": "Une introduction."},
    "practices": {"title": "Pratiques", "slug": "pratiques", "intro": "Toutes les pratiques."},
    "countries": {"title": "Pays", "slug": "pays"},
    "recommendations": {"title": "Recommandations", "slug": "recommandations"},
    "about": {
        "title": "À propos de la source",
        "slug": "a-propos-de-la-source",
        "facts": [["Éditeur", "Conseil de l’Europe"]],
    },
}
SOURCE = {
    "citation": "Council of Europe (2021).",
    "citation_fr": "Conseil de l’Europe (2021).",
    "about_fr": "Ce rapport du Conseil de l’Europe.",
}
BARNAHUS_FR = {
    "title": "Barnahus (Maison des enfants)",
    "slug": "barnahus",
    "summary": "Un modèle de services  pluridisciplinaires.",
    "body": [{"type": "paragraph", "value": "Premier paragraphe.\n\nSecond paragraphe."}],
}


def status_of(page):
    (status,) = practice_translation_statuses([PracticePage.objects.get(pk=page.pk)])
    return status


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def fixtures(tmp_path, settings):
    settings.OCSEA_FIXTURES_DIR = tmp_path
    write(tmp_path / "source.yaml", SOURCE)
    write(tmp_path / "translations" / "fr" / "_site.yaml", SITE)
    write(tmp_path / "translations" / "fr" / "barnahus.yaml", BARNAHUS_FR)
    return tmp_path


@pytest.fixture
def english_site(site, taxonomy):
    upsert_translation(taxonomy["IS"], french(), {"name": "Islande"})
    factories.country_page(site["countries"], taxonomy["IS"])
    factories.country_page(site["countries"], taxonomy["NO"])  # no French name: English title
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"], taxonomy["NO"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        articles=[taxonomy["l35"]],
        targets=[taxonomy["children"]],
        tags=["therapy"],
    )
    barnahus.body = stream_blocks(
        [{"type": "paragraph", "value": "First paragraph.\n\nSecond paragraph."}], "test"
    )
    save_page(barnahus)
    return {**site, "barnahus": barnahus}


def french_pages():
    return {page.url: page for page in Page.objects.filter(locale=french()).specific()}


def test_builds_the_french_tree_as_translations(fixtures, english_site):
    report = LoadReport()
    load_translations(report)
    pages = french_pages()
    assert sorted(pages) == [
        "/fr/",
        "/fr/a-propos-de-la-source/",
        "/fr/pays/",
        "/fr/pays/islande/",
        "/fr/pays/norway/",
        "/fr/pratiques/",
        "/fr/pratiques/barnahus/",
        "/fr/recommandations/",
    ]
    assert all(page.live for page in pages.values())
    home = pages["/fr/"]
    assert home.title == "Atlas des pratiques OCSEA"
    assert home.translation_key == english_site["home"].translation_key
    assert "<p>Une introduction.</p>" in str(home.intro)
    assert pages["/fr/pratiques/"].translation_key == english_site["practices"].translation_key
    about = pages["/fr/a-propos-de-la-source/"]
    assert about.title == "À propos de la source"
    assert about.citation == "Conseil de l’Europe (2021)."
    assert "Ce rapport du Conseil de l’Europe." in about.body
    assert "<b>Éditeur:</b> Conseil de l’Europe" in about.body
    iceland = pages["/fr/pays/islande/"]
    assert iceland.title == "Islande"
    english_iceland = CountryPage.objects.get(locale__language_code="en", country__iso2="IS")
    assert iceland.translation_key == english_iceland.translation_key
    assert report.counts["demo practice translations"]["created"] == 1


def test_demo_practice_translation_keeps_taxonomy_and_is_recorded(fixtures, english_site):
    load_translations(LoadReport())
    source = english_site["barnahus"]
    translation = PracticePage.objects.get(locale=french(), slug="barnahus")
    assert translation.translation_key == source.translation_key
    assert translation.title == "Barnahus (Maison des enfants)"
    assert translation.summary == "Un modèle de services pluridisciplinaires."
    assert [block.block_type for block in translation.body] == ["paragraph"]
    assert "<p>Second paragraphe.</p>" in str(translation.body[0].value)
    assert [c.iso2 for c in translation.countries.order_by("iso2")] == ["IS", "NO"]
    assert [c.number for c in translation.capabilities.all()] == [8]
    assert [t.key for t in translation.themes.all()] == ["victim-support"]
    assert [a.key for a in translation.treaty_articles.all()] == ["lanzarote-35"]
    assert [t.key for t in translation.target_groups.all()] == ["children"]
    assert [t.name for t in translation.tags.all()] == ["therapy"]
    assert translation.sources.count() == 1
    assert demo_translations() == {("fr", "barnahus")}


def test_reloading_changes_nothing_and_edits_apply_in_place(fixtures, english_site):
    load_translations(LoadReport())
    counts = (Page.objects.count(), Revision.objects.count())
    report = LoadReport()
    load_translations(report)
    assert (Page.objects.count(), Revision.objects.count()) == counts
    assert all(c["created"] == 0 and c["updated"] == 0 for c in report.counts.values())

    edited = dict(BARNAHUS_FR, title="Barnahus (maison des enfants)")
    write(fixtures / "translations" / "fr" / "barnahus.yaml", edited)
    load_translations(LoadReport())
    assert Page.objects.count() == counts[0]
    assert PracticePage.objects.get(locale=french()).title == "Barnahus (maison des enfants)"


def test_a_translation_of_an_unknown_practice_is_an_error(fixtures, english_site):
    write(fixtures / "translations" / "fr" / "no-such-practice.yaml", BARNAHUS_FR)
    with pytest.raises(CommandError, match="no English practice"):
        load_translations(LoadReport())


def test_a_language_without_fixtures_is_left_to_translators(fixtures, english_site):
    shutil.rmtree(fixtures / "translations")
    load_translations(LoadReport())
    assert french_pages() == {}  # no English copies: translators use wagtail-localize


def test_the_demo_translation_fixtures_are_valid(settings):
    """The real fixtures/translations files: complete, and each the translation of a practice."""
    files = demo_translation_files("fr")
    assert set(files) == {"barnahus", "stopitnow", "community-policing-online-safety"}
    for slug, path in files.items():
        record = read_yaml(f"translations/fr/{path.name}")
        english = read_yaml(f"practices/{slug}.yaml")
        values = practice_translation_values(record, path.name)
        assert values["title"] != english["title"]
        assert values["summary"] != " ".join(english["summary"].split())
        assert [b["type"] for b in record["body"]] == [b["type"] for b in english["body"]]
    assert (fixtures_dir() / "translations" / "fr" / "_site.yaml").exists()


def test_demo_translations_are_handed_over_to_wagtail_localize(
    fixtures, english_site, django_capture_on_commit_callbacks
):
    load_translations(LoadReport())
    source = english_site["barnahus"]
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(source), target_locale=french()
    )
    total, translated = translation.get_progress()
    assert total == translated == 5  # title, slug, summary and the two paragraphs
    assert [s.code for s in status_of(source).translations if s.out_of_date] == []

    # The English page changes and a translator syncs: the French text survives, the new
    # English taxonomy is carried over, and the status report no longer flags it.
    source = PracticePage.objects.get(pk=source.pk)
    source.countries.set(list(source.countries.filter(iso2="IS")))
    save_page(source)
    assert status_of(source).out_of_date == ["fr"]
    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.source.create_or_update_translation(french(), publish=True)
    french_page = PracticePage.objects.get(locale=french(), slug="barnahus")
    assert french_page.title == "Barnahus (Maison des enfants)"
    assert "<p>Second paragraphe.</p>" in str(french_page.body[0].value)
    assert [c.iso2 for c in french_page.countries.all()] == ["IS"]
    assert status_of(source).out_of_date == []
