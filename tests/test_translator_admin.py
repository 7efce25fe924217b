"""What a translator sees in the admin: links to actions they may take, terms' stable keys fixed."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from ocsea.core.loading import upsert_translation
from tests import factories
from tests.l10n import french, translate, translation_atlas

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/translation-status/"


@pytest.fixture
def atlas(site, taxonomy):
    atlas = translation_atlas(site, taxonomy)
    atlas.translated = atlas.english
    atlas.untranslated = factories.practice(
        site["practices"],
        "Web Constables",
        capabilities=[taxonomy["cap5"]],
        themes=[taxonomy["justice"]],
    )
    atlas.french_page = translate(atlas.english, {"title": "Maison des enfants", "slug": "maison"})
    return atlas


def translate_url(page):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return f"{url}?select_locale=fr"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# Translation status report --------------------------------------------------------------------


def test_the_report_links_a_translator_to_translating_and_never_to_english_edit_pages(
    client, atlas
):
    client.force_login(atlas.users["translator"])
    html = client.get(REPORT_URL).content.decode()

    assert f'href="{translate_url(atlas.untranslated)}"' in html
    assert "Translate into French" in html
    assert f'href="{edit_url(atlas.french_page)}"' in html
    assert "Edit French translation" in html
    for english in (atlas.translated, atlas.untranslated):
        assert f'href="{edit_url(english)}"' not in html
    # The link leads to a form the translator may use, offering French only.
    response = client.get(translate_url(atlas.untranslated))
    assert response.status_code == 200
    assert list(response.context["form"].fields["locales"].queryset) == [french()]


def test_the_report_links_an_editor_to_the_english_page_and_offers_no_translation(client, atlas):
    client.force_login(atlas.users["editor"])
    html = client.get(REPORT_URL).content.decode()
    assert f'href="{edit_url(atlas.untranslated)}"' in html
    assert "Translate into French" not in html


# The userbar on the public English page -------------------------------------------------------


def test_the_english_practice_page_offers_the_translator_its_translation(client, atlas):
    client.force_login(atlas.users["translator"])
    html = client.get("/en/practices/web-constables/").content.decode()
    assert "Translate into French" in html
    assert translate_url(atlas.untranslated).replace("&", "&amp;") in html or (
        translate_url(atlas.untranslated) in html
    )

    html = client.get("/en/practices/barnahus/").content.decode()
    assert "Edit French translation" in html
    assert edit_url(atlas.french_page) in html


def test_visitors_see_no_translation_links(client, atlas):
    html = client.get("/en/practices/web-constables/").content.decode()
    assert "Translate into French" not in html


# Terms' stable keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, key_field, changed",
    [
        ("victims", "key", "hijacked"),
        ("cap8", "number", "19"),
        ("l23", "key", "lanzarote-99"),
        ("children", "key", "hijacked"),
        ("IS", "iso2", "XX"),
    ],
)
def test_a_translator_cannot_change_a_terms_stable_key(client, atlas, term, key_field, changed):
    english = atlas.taxonomy[term]
    translation = upsert_translation(english, french(), {})
    model = type(translation)
    url = reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit",
        args=[translation.pk],
    )
    client.force_login(atlas.users["translator"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].fields[key_field].disabled

    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    data[key_field] = changed
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    translation.refresh_from_db()
    assert str(getattr(translation, key_field)) == str(getattr(english, key_field))
