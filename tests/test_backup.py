"""export_content / import_content: a backup restores the site exactly."""

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Page, Revision, WorkflowState

from editorial.setup import PRACTICE_REVIEW, setup_editorial
from practices.models import PracticePage
from submissions.models import Submission
from tests import factories, l10n
from tests.editorial_helpers import role_users

DATA_URLS = [
    "/data/practices.json",
    "/data/practices.csv",
    "/data/countries.json",
    "/data/countries.csv",
]


@pytest.fixture
def content(site, taxonomy):
    users = role_users()
    factories.country_page(site["countries"], taxonomy["IS"])
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["justice"]],
        tags=["multi-agency"],
    )
    # A draft of a live page, a page never published, and one in review.
    barnahus.title = "Barnahus (revised draft)"
    barnahus.save_revision(user=users["editor"])
    factories.practice(site["practices"], "Unpublished helpline", live=False)
    in_review = factories.practice(site["practices"], "Hotline in review", live=False)
    _groups, workflows = setup_editorial()
    workflows[PRACTICE_REVIEW].start(in_review.get_latest_revision_as_object(), users["editor"])
    # French pages and vocabulary, through wagtail-localize.
    l10n.french_terms(taxonomy)
    tree = l10n.french_tree(site)
    l10n.translate(barnahus, {"title": "Barnahus (fr)", "summary": "Résumé."})
    assert tree["practices"].locale.language_code == "fr"
    Submission.objects.create(
        title="Suggested helpline", description="From a practitioner.", source_url="https://e.org"
    )
    Document.objects.create(title="Annex", file=ContentFile(b"%PDF-1.4 annex", name="annex.pdf"))
    return site


def export(directory):
    call_command("export_content", str(directory), verbosity=0)
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(Path(directory).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def content_type_cache():
    """Keep Django's content type cache as the migrations left it.

    The restore empties it. The next test with serialized rollback reloads the migrated rows,
    and signal handlers that run meanwhile would look up content types: with an empty cache
    they insert new rows, and the reloaded ones then collide with them.
    """
    kept = {alias: dict(models) for alias, models in ContentType.objects._cache.items()}
    yield
    ContentType.objects.clear_cache()
    ContentType.objects._cache.update(kept)


# The restore empties and refills every table for real; serialized rollback then puts back the
# rows Wagtail's migrations create (root page, locales) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_export_restore_export_is_identical_and_serves_the_same_data(
    content, tmp_path, content_type_cache
):
    client = Client()
    before = {url: client.get(url).content for url in DATA_URLS}
    pages_before = sorted(Page.objects.values_list("url_path", "locale__language_code", "live"))
    first = export(tmp_path / "first")
    assert "data/practices.practicepage.json" in first
    assert "data/wagtailcore.workflowstate.json" in first
    assert "data/wagtail_localize.stringtranslation.json" in first
    assert any(name.startswith("media/documents/annex") for name in first)
    assert b'"password": ""' in first["data/auth.user.json"]

    # An empty database: every table emptied, content types and permissions rebuilt.
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()
    call_command("import_content", str(tmp_path / "first"), verbosity=0)

    second = export(tmp_path / "second")
    assert second.keys() == first.keys()
    for name in first:
        assert second[name] == first[name], name
    after = {url: client.get(url).content for url in DATA_URLS}
    assert after == before
    assert sorted(Page.objects.values_list("url_path", "locale__language_code", "live")) == (
        pages_before
    )
    # The draft, the workflow and the site still work for editors and visitors.
    barnahus = PracticePage.objects.get(title="Barnahus", locale__language_code="en")
    assert barnahus.has_unpublished_changes
    assert Revision.objects.filter(object_id=str(barnahus.pk)).count() >= 2
    assert WorkflowState.objects.filter(status="in_progress").count() == 1
    assert client.get(barnahus.url).status_code == 200
    assert client.get("/fr/pratiques/").status_code == 200
    assert "Barnahus" in client.get("/en/practices/?q=barnahus").content.decode()


def test_import_refuses_a_database_with_content(content, tmp_path):
    export(tmp_path / "backup")
    with pytest.raises(Exception, match="empty database"):
        call_command("import_content", str(tmp_path / "backup"), verbosity=0)
