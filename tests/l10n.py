"""Builders for the localisation tests: a French tree and French terms, made as the loader does."""

from wagtail.models import Locale

from localisation.setup import translate_page
from ocsea.core.loading import LoadReport, upsert_translation

FRENCH_TERMS = {
    "IS": "Islande",
    "NO": "Norvège",
    "SE": "Suède",
    "cap5": "Juges et procureurs",
    "cap8": "Accompagnement de bout en bout",
    "cap15": "Dispositifs d’accompagnement des auteurs",
    "justice": "Justice adaptée aux enfants",
    "victims": "Soutien aux victimes",
    "awareness": "Éducation et sensibilisation",
    "children": "Enfants et jeunes",
    "police": "Services répressifs",
}
FRENCH_SECTIONS = {
    "home": {"title": "Atlas des pratiques OCSEA"},
    "practices": {"title": "Pratiques", "slug": "pratiques"},
    "countries": {"title": "Pays", "slug": "pays"},
    "recommendations": {"title": "Recommandations", "slug": "recommandations"},
    "about": {"title": "À propos de la source", "slug": "a-propos-de-la-source"},
}


def french():
    return Locale.objects.get(language_code="fr")


def translate(page, values, locale=None):
    """``page`` translated (copy_for_translation) into ``locale`` with ``values``, published."""
    locale = locale or french()
    key = f"tests:{locale.language_code}:{page.pk}"
    return translate_page(page, locale, values, key, LoadReport(), "tests")


def french_terms(taxonomy):
    """French rows for the test vocabulary (the articles stay untranslated: English fallback)."""
    fr = french()
    for name, label in FRENCH_TERMS.items():
        upsert_translation(taxonomy[name], fr, {"name": label})
    return fr


def french_tree(site):
    """The French home page and section pages, as translations of the English ones."""
    tree = {}
    for name, values in FRENCH_SECTIONS.items():
        tree[name] = translate(site[name], values)
    return tree


def synced_translation(source_page, locale=None):
    """wagtail-localize's Translation of ``source_page`` into ``locale`` (French by default)."""
    from wagtail_localize.models import Translation

    locale = locale or french()
    return Translation.objects.get(
        source__object_id=source_page.translation_key, target_locale=locale
    )


def put_segment(client, translation, source_text, value):
    """Translate one text as wagtail-localize's editor does (its "Save" on a segment)."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from wagtail_localize.models import StringSegment

    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    return response


BODY = "The child is heard once, in a child-friendly house."


def translation_atlas(site, taxonomy):
    """French terms and tree, a live English practice "Barnahus" with one body paragraph, and
    the role users (made after the French tree, as ``load_content`` does)."""
    from types import SimpleNamespace

    from tests import factories
    from tests.editorial_helpers import role_users

    french_terms(taxonomy)
    tree = french_tree(site)
    english = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        body=[BODY],
    )
    return SimpleNamespace(
        site=site, taxonomy=taxonomy, french=tree, english=english, users=role_users()
    )
