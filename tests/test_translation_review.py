"""Translators translate and submit for review; only moderators publish (issue 8, items 2-3).

Every wagtail-localize route a translator can reach is tried through the admin's HTTP API, as
the browser would call it.
"""

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState

from editorial.setup import TRANSLATION_REVIEW
from practices.models import PracticePage
from tests import factories
from tests.editorial_helpers import assert_denied, post_edit, workflow_action
from tests.l10n import BODY, french, put_segment, synced_translation, translate, translation_atlas

pytestmark = pytest.mark.django_db


@pytest.fixture
def atlas(site, taxonomy):
    return translation_atlas(site, taxonomy)


@pytest.fixture
def live_translation(atlas):
    """A reviewed French translation, live and synced by wagtail-localize (as the loader makes)."""
    return translate(
        atlas.english,
        {"title": "Maison des enfants", "slug": "maison-des-enfants", "summary": "Résumé relu."},
    )


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def start_french_translation(client, page):
    """ "Translate into French" as the form posts it; return the French page."""
    # wagtail-localize publishes on commit: run those callbacks, as a real request would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(submit_url(page), {"locales": [french().pk]})
    assert response.status_code == 302, response.content[:2000]
    return PracticePage.objects.get(translation_key=page.translation_key, locale=french())


def bulk_url(action, page):
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={page.pk}"


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def latest_title(page):
    return PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().title


# Creating a translation ---------------------------------------------------------------------


def test_translating_a_live_practice_makes_a_draft_and_the_french_url_keeps_the_fallback(
    client, atlas
):
    client.force_login(atlas.users["translator"])
    form = client.get(submit_url(atlas.english), {"select_locale": "fr"}).context["form"]
    assert list(form.fields["locales"].queryset) == [french()]

    translation = start_french_translation(client, atlas.english)

    assert not translation.live
    response = client.get("/fr/pratiques/barnahus/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pas encore traduit" in html and 'content="noindex"' in html
    assert not PracticePage.objects.live().filter(locale=french()).exists()


def test_a_translator_cannot_translate_into_english(client, atlas):
    french_only = factories.practice(atlas.french["practices"], "Pratique française")
    client.force_login(atlas.users["translator"])
    english = Locale.objects.get(language_code="en")

    form = client.get(submit_url(french_only)).context["form"]
    assert english not in form.fields["locales"].queryset
    response = client.post(submit_url(french_only), {"locales": [english.pk]})

    assert response.status_code == 200  # the form again, with its error
    assert response.context["form"].errors["locales"]
    assert not PracticePage.objects.filter(
        translation_key=french_only.translation_key, locale=english
    ).exists()


# Sync translated pages ----------------------------------------------------------------------


def test_sync_with_publish_is_refused_to_a_translator(
    client, atlas, live_translation, django_capture_on_commit_callbacks
):
    translation = synced_translation(atlas.english)
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    client.force_login(atlas.users["translator"])
    put_segment(client, translation, "Barnahus", "Titre non relu")

    form = client.get(sync_url).context["form"]
    assert form.fields["publish_translations"].disabled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"}, follow=True)

    assert any("Only moderators publish" in message for message in messages_of(response))
    live = PracticePage.objects.get(pk=live_translation.pk)
    assert live.title == "Maison des enfants" and live.live
    assert client.get("/fr/pratiques/maison-des-enfants/").status_code == 200

    # A moderator may publish the sync (the review happened when they chose to).
    client.force_login(atlas.users["moderator"])
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        client.post(sync_url, {"publish_translations": "on"})
    assert PracticePage.objects.get(pk=live_translation.pk).title == "Titre non relu"


def test_sync_without_publish_leaves_the_live_page_alone(client, atlas, live_translation):
    translation = synced_translation(atlas.english)
    client.force_login(atlas.users["translator"])
    put_segment(client, translation, "Barnahus", "Titre non relu")
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id])
    )
    assert response.status_code == 302
    assert PracticePage.objects.get(pk=live_translation.pk).title == "Maison des enfants"


# Save, submit for review, approve -------------------------------------------------------------


def test_a_translator_submits_a_translation_and_a_moderator_publishes_it(client, atlas):
    translator, moderator = atlas.users["translator"], atlas.users["moderator"]
    client.force_login(translator)
    page = start_french_translation(client, atlas.english)
    translation = synced_translation(atlas.english)
    editor_html = client.get(edit_url(page)).content.decode()
    submit_action = reverse("localisation_submit_translation", args=[translation.pk])
    assert f'action="{submit_action}"' in editor_html
    for source_text, value in [
        ("Barnahus", "Maison des enfants"),
        ("barnahus", "maison-des-enfants"),
        ("Barnahus summary.", "L’enfant est entendu une seule fois."),
        (BODY, "L’enfant est entendu une fois, dans une maison adaptée."),
    ]:
        put_segment(client, translation, source_text, value)

    response = client.post(submit_action, follow=True)

    assert any("submitted for review" in message for message in messages_of(response))
    page = PracticePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.get_latest_revision_as_object().title == "Maison des enfants"
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == TRANSLATION_REVIEW
    assert state.current_task_state.task.name == "Translation review"
    assert "Pas encore traduit" in client.get("/fr/pratiques/barnahus/").content.decode()
    assert PracticePage.objects.get(pk=atlas.english.pk).title == "Barnahus"

    client.force_login(moderator)
    assert client.get(edit_url(page)).status_code == 200
    response = workflow_action(client, page, "approve")
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert page.live and page.title == "Maison des enfants"

    client.logout()
    listing = client.get("/fr/pratiques/").content.decode()
    assert "Maison des enfants" in listing
    assert "Accompagnement de bout en bout" in listing  # the French label of capability 8
    assert "Soutien aux victimes" in listing
    detail = client.get("/fr/pratiques/maison-des-enfants/").content.decode()
    assert "dans une maison adaptée" in detail
    assert "Pas encore traduit" not in detail


def test_submitting_a_live_translation_leaves_the_live_page_alone(client, atlas, live_translation):
    translation = synced_translation(atlas.english)
    client.force_login(atlas.users["translator"])
    put_segment(client, translation, "Barnahus", "Maison des enfants (révisé)")

    client.post(reverse("localisation_submit_translation", args=[translation.pk]))

    live = PracticePage.objects.get(pk=live_translation.pk)
    assert live.title == "Maison des enfants"
    assert "(révisé)" not in client.get("/fr/pratiques/maison-des-enfants/").content.decode()
    assert latest_title(live) == "Maison des enfants (révisé)"
    assert live.current_workflow_state.workflow.name == TRANSLATION_REVIEW

    client.force_login(atlas.users["moderator"])
    workflow_action(client, live, "approve")
    assert PracticePage.objects.get(pk=live.pk).title == "Maison des enfants (révisé)"


def test_save_draft_keeps_the_translation_off_the_site(client, atlas, live_translation):
    translation = synced_translation(atlas.english)
    client.force_login(atlas.users["translator"])
    put_segment(client, translation, "Barnahus", "Brouillon")
    response = client.post(reverse("localisation_save_translation", args=[translation.pk]))
    assert response.status_code == 302
    assert latest_title(live_translation) == "Brouillon"
    assert PracticePage.objects.get(pk=live_translation.pk).title == "Maison des enfants"
    assert live_translation.current_workflow_state is None


def test_stop_synced_translation_keeps_the_translated_text(client, atlas):
    client.force_login(atlas.users["translator"])
    page = start_french_translation(client, atlas.english)
    translation = synced_translation(atlas.english)
    put_segment(client, translation, "Barnahus", "Maison des enfants")

    response = client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]),
        {"next": edit_url(page)},
    )

    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled
    assert latest_title(page) == "Maison des enfants"
    # The page editor (no longer wagtail-localize's) shows the translated title.
    assert 'value="Maison des enfants"' in client.get(edit_url(page)).content.decode()


def test_stop_sync_then_publish_is_refused_to_a_translator(client, atlas, live_translation):
    translation = synced_translation(atlas.english)
    client.force_login(atlas.users["translator"])
    put_segment(client, translation, "Barnahus", "Titre non relu")
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))

    post_edit(client, live_translation, {"action-publish": "1"})

    assert PracticePage.objects.get(pk=live_translation.pk).title == "Maison des enfants"


# Other routes that would publish, unpublish or delete -----------------------------------------


def test_convert_to_alias_is_refused_to_a_translator(client, atlas, live_translation):
    url = reverse("wagtail_localize:convert_to_alias", args=[live_translation.pk])
    client.force_login(atlas.users["translator"])
    response = client.post(url, follow=True)
    assert any("Only moderators may turn" in message for message in messages_of(response))
    page = PracticePage.objects.get(pk=live_translation.pk)
    assert page.alias_of_id is None and page.title == "Maison des enfants"


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_bulk_actions_are_refused_to_a_translator(
    client, atlas, live_translation, taxonomy, action
):
    draft = factories.practice(
        atlas.french["practices"],
        "Brouillon",
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
        live=False,
    )
    target = draft if action == "publish" else live_translation
    client.force_login(atlas.users["translator"])
    data = {"move_applicable": "1", "chooser": atlas.french["home"].pk} if action == "move" else {}
    client.post(bulk_url(action, target), data)
    page = Page.objects.get(pk=target.pk)
    assert page.live is target.live
    assert page.get_parent().pk == atlas.french["practices"].pk


@pytest.mark.parametrize(
    "action, data",
    [
        ("publish", {}),
        ("unpublish", {}),
        ("delete", {}),
        ("copy_for_translation", {"locale": "en"}),
        ("convert_alias", {}),
        ("copy", {"destination_page_id": None, "recursive": False, "keep_live": True}),
    ],
)
def test_admin_api_actions_are_refused_to_a_translator(
    client, atlas, live_translation, action, data
):
    client.force_login(atlas.users["translator"])
    target = live_translation
    if action == "publish":
        target = factories.practice(atlas.french["practices"], "Brouillon", live=False)
    if action == "copy":
        data = {**data, "destination_page_id": atlas.site["practices"].pk}
    response = client.post(
        f"/admin/api/main/pages/{target.pk}/action/{action}/", data, content_type="application/json"
    )
    assert response.status_code in (400, 403, 404), response.content
    page = Page.objects.get(pk=target.pk)
    assert page.live is target.live
    assert (
        not PracticePage.objects.filter(locale__language_code="en")
        .exclude(pk=atlas.english.pk)
        .exists()
    )


# Moderators on the French tree ----------------------------------------------------------------


def test_moderators_open_publish_and_unpublish_french_pages(
    client, atlas, live_translation, taxonomy
):
    client.force_login(atlas.users["moderator"])
    assert client.get(edit_url(live_translation)).status_code == 200
    assert client.get(edit_url(atlas.french["practices"])).status_code == 200

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[live_translation.pk]))
    assert response.status_code == 302
    assert not PracticePage.objects.get(pk=live_translation.pk).live

    draft = factories.practice(
        atlas.french["practices"],
        "Brouillon",
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
        live=False,
    )
    client.post(bulk_url("publish", draft))
    assert PracticePage.objects.get(pk=draft.pk).live


def test_translators_open_french_pages_but_not_english_ones(client, atlas, live_translation):
    client.force_login(atlas.users["translator"])
    assert client.get(edit_url(live_translation)).status_code == 200
    assert_denied(client.get(edit_url(atlas.english)))


def test_a_translator_cannot_translate_a_term_into_english(client, atlas):
    from taxonomy.models import Theme

    french_only = Theme.objects.create(key="fr-only", name="Seulement en français", locale=french())
    english = Locale.objects.get(language_code="en")
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["taxonomy", "theme", french_only.pk],
    )
    client.force_login(atlas.users["translator"])
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["locales"]
    assert not Theme.objects.filter(key="fr-only", locale=english).exists()
