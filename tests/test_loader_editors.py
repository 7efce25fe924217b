"""``load_content`` on a database where editors have worked: it never overwrites them.

Each test loads a small copy of the real fixtures, lets editors work through Wagtail's admin
(or its page API, for the French tree) as they would, changes the fixtures as a later deployment
would, loads again and checks that the editors' work stands and is reported.
"""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from countries.models import Country, CountryPage
from ocsea.core.models import HomePage, LoadedRecord
from practices.models import PracticeIndexPage, PracticePage
from report.models import AboutSourcePage, Recommendation, RecommendationIndexPage
from taxonomy.models import Theme
from tests.editorial_helpers import make_user, post_edit, role_users
from tests.l10n import french

pytestmark = pytest.mark.django_db

COUNTRIES = {"GB", "BE", "NL"}
# The second loses its capability below: a fixture that breaks the publication rules.
PRACTICES = ["stopitnow", "kiko-and-the-manymes"]
RULE_BREAKING = "practices/kiko-and-the-manymes.yaml"
REAL_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def write_yaml(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read_fixture(root, relative):
    return yaml.safe_load((root / relative).read_text(encoding="utf-8"))


@pytest.fixture
def fixtures(tmp_path, settings):
    """The real fixtures, cut down: two practices and one demo translation, the three countries
    and two recommendations, and the terms they name (every theme and target group)."""
    source = settings.OCSEA_FIXTURES_DIR
    root = tmp_path / "fixtures"
    (root / "practices").mkdir(parents=True)
    for slug in PRACTICES:
        shutil.copy(source / "practices" / f"{slug}.yaml", root / "practices" / f"{slug}.yaml")
    (root / "translations" / "fr").mkdir(parents=True)
    for name in ("_site.yaml", "stopitnow.yaml"):
        shutil.copy(source / "translations" / "fr" / name, root / "translations" / "fr" / name)
    shutil.copy(source / "source.yaml", root / "source.yaml")
    shutil.copytree(source / "search", root / "search")
    recommendations = read_fixture(source, "recommendations.yaml")[:2]
    write_yaml(root / "recommendations.yaml", recommendations)
    countries = read_fixture(source, "countries.yaml")
    countries["countries"] = [c for c in countries["countries"] if c["iso2"] in COUNTRIES]
    write_yaml(root / "countries.yaml", countries)
    named = [read_fixture(root, f"practices/{slug}.yaml") for slug in PRACTICES]
    named += recommendations + [read_fixture(source, "practices/georgia-111-hotline.yaml")]
    capabilities = {n for record in named for n in record.get("capabilities") or []} | {13}
    articles = {key for record in named for key in record.get("articles") or []}
    for name, keep in [
        ("themes", lambda term: True),
        ("target_groups", lambda term: True),
        ("capabilities", lambda term: term["number"] in capabilities),
        ("treaty_articles", lambda term: term["key"] in articles),
    ]:
        terms = read_fixture(source, f"taxonomy/{name}.yaml")
        write_yaml(root / "taxonomy" / f"{name}.yaml", [term for term in terms if keep(term)])
    settings.OCSEA_FIXTURES_DIR = root
    change_fixture(root, RULE_BREAKING, without_capabilities)
    return root


def without_capabilities(data):
    data["capabilities"] = []
    data["evidence"] = [entry for entry in data["evidence"] if entry["facet"] != "capability"]


def load(*args):
    out = io.StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def change_fixture(root, relative, change):
    """A later deployment brings a changed fixture: ``change(data)`` edits it in place."""
    data = read_fixture(root, relative)
    change(data)
    write_yaml(root / relative, data)


def set_practice_summary(root, slug, summary):
    change_fixture(root, f"practices/{slug}.yaml", lambda data: data.update(summary=summary))


@pytest.fixture
def loaded(fixtures):
    load()
    users = role_users()
    users["admin"] = make_user("admin", superuser=True)
    return users


def left_alone(output, key):
    """The line of ``output`` that reports ``key`` left alone."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"{key}: ")]
    assert "left alone" in line or "not re-created" in line
    return line


def english_practice(slug):
    return PracticePage.objects.get(locale__language_code="en", slug=slug)


def post_snippet_edit(client, instance, changes):
    """The snippet's admin edit form as the browser would post it, with ``changes``."""
    opts = instance._meta
    url = reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[instance.pk])
    html = client.get(url).content.decode()
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"action": url})
    data = querydict_from_html(str(form), form_index=0)
    for name, value in changes.items():
        data[name] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


# The loader adds what never existed, and updates only what editors have not touched --------------


def test_first_load_creates_and_a_rule_breaking_practice_stays_a_draft(fixtures):
    output = load()
    assert english_practice("stopitnow").live
    covid = english_practice("kiko-and-the-manymes")
    assert not covid.live
    assert (
        "kiko-and-the-manymes loaded as a draft, not published: This practice cannot be "
        "published yet. It needs an MNR capability." in output
    )
    assert PracticePage.objects.get(locale__language_code="fr", slug="stopitnow").live


def test_a_rule_breaking_practice_is_published_once_its_fixture_meets_the_rules(fixtures):
    load()
    shutil.copy(REAL_FIXTURES / RULE_BREAKING, fixtures / RULE_BREAKING)
    load()
    covid = english_practice("kiko-and-the-manymes")
    assert covid.live
    assert list(covid.capabilities.values_list("number", flat=True)) == [13]


def test_a_changed_fixture_updates_an_untouched_record(fixtures):
    load()
    set_practice_summary(fixtures, "stopitnow", "A new summary from the fixture.")
    change_fixture(
        fixtures, "taxonomy/themes.yaml", lambda data: data[0].update(name="Governance (new)")
    )
    output = load()
    assert english_practice("stopitnow").summary == "A new summary from the fixture."
    assert Theme.objects.get(key=read_theme_key(fixtures), locale__language_code="en").name == (
        "Governance (new)"
    )
    assert "practices: 0 created, 1 updated, 1 unchanged" in output
    assert "left alone" not in output


def read_theme_key(root):
    return read_fixture(root, "taxonomy/themes.yaml")[0]["key"]


def test_a_new_fixture_record_is_added(fixtures, settings):
    load()
    shutil.copy(
        settings.BASE_DIR / "fixtures" / "practices" / "georgia-111-hotline.yaml",
        fixtures / "practices" / "georgia-111-hotline.yaml",
    )
    change_fixture(
        fixtures,
        "countries.yaml",
        lambda data: data["countries"].extend(
            c
            for c in read_fixture(settings.BASE_DIR / "fixtures", "countries.yaml")["countries"]
            if c["iso2"] == "GE"
        ),
    )
    output = load()
    assert "practices: 1 created, 0 updated, 2 unchanged" in output
    assert CountryPage.objects.filter(country__iso2="GE", locale__language_code="fr").exists()


def test_a_second_run_on_an_unchanged_database_writes_nothing(fixtures):
    load()
    with CaptureQueriesContext(connection) as queries:
        output = load()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        and "SAVEPOINT" not in q["sql"].upper()
    ]
    assert writes == []
    assert " created" in output and " 0 updated" in output


# What editors changed, unpublished, moved or deleted is left alone -------------------------------


def test_a_practice_deleted_by_a_moderator_is_not_recreated(client, fixtures, loaded):
    page = english_practice("stopitnow")
    client.force_login(loaded["admin"])
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not PracticePage.objects.filter(slug="stopitnow", locale__language_code="en").exists()
    set_practice_summary(fixtures, "stopitnow", "A later fixture.")

    output = load()

    assert not PracticePage.objects.filter(slug="stopitnow", locale__language_code="en").exists()
    assert "practices.practicepage:stopitnow: deleted by editors, not re-created" in output


def test_a_moderators_published_summary_is_not_overwritten(client, fixtures, loaded):
    page = english_practice("stopitnow")
    client.force_login(loaded["moderator"])
    response = post_edit(
        client, page, {"summary": "The moderator's summary.", "action-publish": "1"}
    )
    assert response.status_code == 302
    set_practice_summary(fixtures, "stopitnow", "The fixture's new summary.")

    output = load()

    page.refresh_from_db()
    assert page.live and page.summary == "The moderator's summary."
    assert (
        "practices.practicepage:stopitnow: edited (summary); left alone (its fixture has changed "
        "since it was loaded). `load_content --reset practices.practicepage:stopitnow` "
        "overwrites it." in output
    )


def test_a_practice_a_moderator_unpublished_is_not_republished(client, fixtures, loaded):
    page = english_practice("stopitnow")
    client.force_login(loaded["moderator"])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    set_practice_summary(fixtures, "stopitnow", "A later fixture.")

    output = load()

    page.refresh_from_db()
    assert not page.live
    assert "practices.practicepage:stopitnow: unpublished; left alone" in output


def test_an_editors_pending_draft_is_not_replaced(client, fixtures, loaded):
    page = english_practice("stopitnow")
    live_summary = page.summary
    client.force_login(loaded["editor"])
    response = post_edit(client, page, {"summary": "The editor's draft."})
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision()
    set_practice_summary(fixtures, "stopitnow", "The fixture's new summary.")

    output = load()

    page.refresh_from_db()
    assert page.get_latest_revision() == draft
    assert page.get_latest_revision_as_object().summary == "The editor's draft."
    assert page.summary == live_summary
    assert "practices.practicepage:stopitnow: edited (summary); left alone" in output


def test_a_moved_practice_stays_where_editors_put_it(fixtures, loaded):
    page = english_practice("stopitnow")
    other = english_practice("kiko-and-the-manymes")
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    archive = PracticeIndexPage(title="Archive", slug="archive")
    index.get_parent().add_child(instance=archive)
    page.move(archive, pos="last-child", user=loaded["moderator"])
    set_practice_summary(fixtures, "stopitnow", "A later fixture.")

    output = load()

    page.refresh_from_db()
    assert page.get_parent().pk == archive.pk
    assert PracticePage.objects.filter(slug="stopitnow", locale__language_code="en").count() == 1
    assert "practices.practicepage:stopitnow: moved; left alone" in output
    assert other.pk == english_practice("kiko-and-the-manymes").pk


def test_an_edited_theme_name_is_not_reset(client, fixtures, loaded):
    key = read_theme_key(fixtures)
    theme = Theme.objects.get(key=key, locale__language_code="en")
    client.force_login(loaded["editor"])
    post_snippet_edit(client, theme, {"name": "Governance, as editors call it"})
    change_fixture(
        fixtures, "taxonomy/themes.yaml", lambda data: data[0].update(description="Changed.")
    )

    output = load()

    theme.refresh_from_db()
    assert theme.name == "Governance, as editors call it"
    assert "name" in left_alone(output, f"taxonomy.theme:{key}")


def snippet_records():
    """Every kind of row the loader makes besides pages: ``(find, field to edit)``."""
    return {
        "a French theme": (
            lambda: Theme.objects.filter(locale__language_code="fr").order_by("sort_order")[0],
            "name",
        ),
        "a country": (lambda: Country.objects.get(iso2="GB", locale__language_code="en"), "name"),
        "a French country": (
            lambda: Country.objects.get(iso2="NL", locale__language_code="fr"),
            "name",
        ),
        "a recommendation": (
            lambda: Recommendation.objects.filter(locale__language_code="en").order_by(
                "sort_order"
            )[0],
            "heading",
        ),
    }


def change_every_snippet_fixture(root):
    change_fixture(root, "taxonomy/themes.yaml", lambda data: data[0].update(name_fr="Nouveau"))
    change_fixture(
        root,
        "countries.yaml",
        lambda data: [
            c.update(age_of_consent=99, name_fr=f"{c['name_fr']} (nouveau)")
            for c in data["countries"]
        ],
    )
    change_fixture(root, "recommendations.yaml", lambda data: data[0].update(text="Changed."))


def concrete_values(record):
    record.refresh_from_db()
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields}


def test_edited_rows_are_left_alone(client, fixtures, loaded):
    client.force_login(loaded["admin"])
    edited = {}
    for label, (find, field) in snippet_records().items():
        record = find()
        post_snippet_edit(client, record, {field: f"Edited {label}"})
        edited[label] = (record, concrete_values(record))
        assert getattr(record, field) == f"Edited {label}"
    change_every_snippet_fixture(fixtures)

    output = load()

    for label, (record, values) in edited.items():
        assert concrete_values(record) == values, label
    assert output.count("; left alone") == len(edited)


def page_records():
    """Every kind of page the loader makes, English and French."""
    return {
        "the home page": lambda: HomePage.objects.get(locale__language_code="en"),
        "a section page": lambda: PracticeIndexPage.objects.get(locale__language_code="en"),
        "the About page": lambda: AboutSourcePage.objects.get(locale__language_code="en"),
        "a country page": lambda: CountryPage.objects.get(
            locale__language_code="en", country__iso2="GB"
        ),
        "the French home page": lambda: HomePage.objects.get(locale__language_code="fr"),
        "a French section": lambda: PracticeIndexPage.objects.get(locale__language_code="fr"),
        "a French country page": lambda: CountryPage.objects.get(
            locale__language_code="fr", country__iso2="GB"
        ),
        "a French demo practice": lambda: PracticePage.objects.get(
            locale__language_code="fr", slug="stopitnow"
        ),
    }


def change_every_page_fixture(root):
    """A deployment that changes the fixtures of every kind of loaded page."""
    change_fixture(root, "source.yaml", lambda data: data.update(about="A new About text."))
    set_practice_summary(root, "stopitnow", "A later fixture.")

    def retitle(data):
        for section in ("home", "practices", "recommendations"):
            data[section]["title"] = f"{data[section].get('title', '')} (fixture)"

    change_fixture(root, "translations/fr/_site.yaml", retitle)
    change_fixture(
        root, "translations/fr/stopitnow.yaml", lambda data: data.update(title="Nouveau titre")
    )
    change_fixture(
        root,
        "countries.yaml",
        lambda data: [
            c.update(name=f"{c['name']} (fixture)", name_fr=f"{c['name_fr']} (fixture)")
            for c in data["countries"]
        ],
    )


def test_edited_pages_are_left_alone(fixtures, loaded):
    """Each kind of page, edited and published through Wagtail's page API."""
    admin = loaded["admin"]
    titles = {}
    for label, find in page_records().items():
        page = find()
        page.title = f"{page.title} (edited)"
        page.save_revision(user=admin).publish(user=admin)
        titles[label] = page.title
    change_every_page_fixture(fixtures)

    load()

    for label, find in page_records().items():
        page = find()
        assert (page.title, page.live) == (titles[label], True), label


def test_unpublished_pages_stay_unpublished(fixtures, loaded):
    for find in page_records().values():
        find().unpublish(user=loaded["admin"])

    load()

    for label, find in page_records().items():
        assert not find().live, label


def test_deleted_pages_are_not_recreated(fixtures, loaded):
    deleted = {
        "the About page": AboutSourcePage.objects.get(locale__language_code="en"),
        "a country page": CountryPage.objects.get(locale__language_code="en", country__iso2="GB"),
        "a French country page": CountryPage.objects.get(
            locale__language_code="fr", country__iso2="NL"
        ),
        "a French demo practice": PracticePage.objects.get(
            locale__language_code="fr", slug="stopitnow"
        ),
        "a French section": RecommendationIndexPage.objects.get(locale__language_code="fr"),
    }
    for page in deleted.values():
        page.delete(user=loaded["admin"])
    change_every_page_fixture(fixtures)

    output = load()

    for label, page in deleted.items():
        assert not type(page).objects.filter(pk=page.pk).exists(), label
    assert output.count("deleted by editors, not re-created") == len(deleted)


@pytest.mark.parametrize(
    "find",
    [
        lambda: HomePage.objects.get(locale__language_code="fr"),
        lambda: PracticeIndexPage.objects.get(locale__language_code="en"),
    ],
    ids=["the French home page", "the English practices section"],
)
def test_nothing_is_remade_under_a_deleted_page(fixtures, loaded, find):
    page = find()
    subtree = list(page.get_descendants(inclusive=True).values_list("pk", flat=True))
    page.delete(user=loaded["admin"])
    change_every_page_fixture(fixtures)
    pages = Page.objects.count()

    load()

    assert Page.objects.count() == pages
    assert not Page.objects.filter(pk__in=subtree).exists()


# --check and --reset -----------------------------------------------------------------------------


def test_check_lists_differences_and_writes_nothing(client, fixtures, loaded):
    page = english_practice("stopitnow")
    client.force_login(loaded["moderator"])
    post_edit(client, page, {"summary": "The moderator's summary.", "action-publish": "1"})
    set_practice_summary(fixtures, "kiko-and-the-manymes", "A fixture change.")
    counts = (Page.objects.count(), Revision.objects.count(), LoadedRecord.objects.count())
    ledger = list(LoadedRecord.objects.values_list("key", "fingerprint", "state"))

    output = load("--check")

    assert "practices.practicepage:stopitnow: edited (summary); left alone" in output
    assert "practices: 0 created, 1 updated, 0 unchanged, 1 left alone" in output
    assert "Nothing was written (--check)." in output
    assert (Page.objects.count(), Revision.objects.count(), LoadedRecord.objects.count()) == counts
    assert list(LoadedRecord.objects.values_list("key", "fingerprint", "state")) == ledger
    assert english_practice("kiko-and-the-manymes").summary != "A fixture change."


def test_reset_one_key_overwrites_that_record_only(client, fixtures, loaded):
    page = english_practice("stopitnow")
    client.force_login(loaded["moderator"])
    post_edit(client, page, {"summary": "The moderator's summary.", "action-publish": "1"})
    theme = Theme.objects.get(key=read_theme_key(fixtures), locale__language_code="en")
    post_snippet_edit(client, theme, {"name": "Edited theme"})

    output = load("--reset", "practices:stopitnow")

    page.refresh_from_db()
    theme.refresh_from_db()
    assert page.summary != "The moderator's summary." and page.live
    assert theme.name == "Edited theme"
    assert "taxonomy.theme" in output and "practicepage:stopitnow" not in output
    assert "practicepage:stopitnow" not in load()  # the ledger follows the reset


def test_reset_recreates_deleted_records(fixtures, loaded):
    english_practice("stopitnow").delete(user=loaded["admin"])
    load("--reset")
    assert english_practice("stopitnow").live


# Databases loaded before the ledger kept states --------------------------------------------------


def test_records_loaded_before_states_were_kept(client, fixtures, loaded):
    """An older ledger (fixture hashes only): the admin's history tells edited from untouched."""
    LoadedRecord.objects.update(state=None, object_id="")
    edited = english_practice("stopitnow")
    client.force_login(loaded["moderator"])
    post_edit(client, edited, {"summary": "The moderator's summary.", "action-publish": "1"})
    set_practice_summary(fixtures, "stopitnow", "A later fixture.")
    set_practice_summary(fixtures, "kiko-and-the-manymes", "A later fixture.")

    output = load()

    assert english_practice("stopitnow").summary == "The moderator's summary."
    kiko = english_practice("kiko-and-the-manymes")  # a draft: the rules keep it unpublished
    assert kiko.get_latest_revision_as_object().summary == "A later fixture."
    assert "practices.practicepage:stopitnow: changed in the admin; left alone" in output
    assert LoadedRecord.objects.filter(state__isnull=True).count() == 1  # only the edited one
    assert load().count("; left alone") == 1


def test_a_deleted_english_practice_does_not_break_its_demo_translation(fixtures, loaded):
    english_practice("stopitnow").delete(user=loaded["admin"])
    output = load()
    assert "Content loaded." in output
    assert PracticePage.objects.filter(locale=french(), slug="stopitnow").exists()
