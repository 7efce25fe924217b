"""The admin's translation status report: locales per practice, stale translations, demo ones."""

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import Translation, TranslationSource

from localisation.status import practice_translation_statuses
from ocsea.core.loading import save_page
from ocsea.core.models import LoadedRecord
from practices.models import PracticePage
from tests import factories
from tests.l10n import french, french_tree, translate

URL = "/admin/reports/translation-status/"


@pytest.fixture
def tagged(taxonomy):
    """What a practice needs to be published."""
    return {"capabilities": [taxonomy["cap8"]], "themes": [taxonomy["victims"]]}


@pytest.fixture
def practices(site, tagged):
    french_tree(site)
    translated = factories.practice(site["practices"], "Barnahus", **tagged)
    untranslated = factories.practice(site["practices"], "Web Constables")
    translate(translated, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    return {"translated": translated, "untranslated": untranslated}


def status_of(page):
    (status,) = practice_translation_statuses([PracticePage.objects.get(pk=page.pk)])
    return status


def republish(page, **changes):
    page = PracticePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    save_page(page)
    return page


def test_lists_existing_and_missing_locales(practices):
    translated = status_of(practices["translated"])
    assert [(s.code, s.live, s.out_of_date) for s in translated.translations] == [
        ("fr", True, False)
    ]
    assert translated.missing == []
    untranslated = status_of(practices["untranslated"])
    assert untranslated.translations == [] and untranslated.missing == ["fr"]


def test_a_source_published_after_its_translation_is_out_of_date(practices):
    # A translation edited in the page editor ("Stop synced translation" in wagtail-localize).
    Translation.objects.update(enabled=False)
    republish(practices["translated"], summary="A new English summary.")
    assert status_of(practices["translated"]).out_of_date == ["fr"]
    # Publishing the French page again brings it up to date.
    republish(practices["translated"].get_translation(french()).specific)
    assert status_of(practices["translated"]).out_of_date == []


def test_wagtail_localize_translations_are_compared_with_their_last_sync(
    site, tagged, django_capture_on_commit_callbacks
):
    french_tree(site)
    page = factories.practice(site["practices"], "StopItNow", **tagged)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(french(), publish=True, fallback=True)
    assert status_of(page).out_of_date == []

    republish(page, summary="Changed after the translation was made.")
    assert status_of(page).out_of_date == ["fr"]  # "Sync translated pages" is due

    source.update_from_db()  # what "Sync translated pages" does first
    with django_capture_on_commit_callbacks(execute=True):
        source.create_or_update_translation(french(), publish=True, fallback=True)
    assert status_of(page).out_of_date == []


def test_synced_translations_stay_out_of_date_until_synced(practices):
    republish(practices["translated"], summary="A new English summary.")
    republish(practices["translated"].get_translation(french()).specific)
    assert status_of(practices["translated"]).out_of_date == ["fr"]


def test_demo_translations_are_flagged(practices):
    assert status_of(practices["translated"]).demo == []
    LoadedRecord.objects.create(
        key=f"localisation.demo-translation:fr:{practices['translated'].slug}", fingerprint="x"
    )
    assert status_of(practices["translated"]).demo == ["fr"]


def test_the_report_renders_in_the_admin_and_exports(client, practices):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    republish(practices["translated"], summary="Newer English.")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Translation status" in html and "Barnahus" in html and "Web Constables" in html
    response = client.get(URL + "?export=csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].startswith("Practice,Translated into,Not translated into,Out of date")
    assert "Barnahus,fr,—,fr,—" in rows
    assert "Web Constables,—,fr,—,—" in rows
    assert "/admin/reports/translation-status/" in client.get("/admin/").content.decode()


def test_the_report_is_refused_to_users_without_page_permissions(client, practices):
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
