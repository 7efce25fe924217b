"""A translated practice keeps its taxonomy: French listings filter and count it by stable key.

Search is per locale: French queries find French pages, and results never mix languages.
"""

import re

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from practices.models import PracticePage
from tests import factories
from tests.l10n import french, french_terms, french_tree, translate


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    french_terms(t)
    fr = french_tree(site)
    barnahus = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[t["IS"], t["NO"], t["SE"]],
        capabilities=[t["cap5"], t["cap8"]],
        themes=[t["justice"], t["victims"]],
        articles=[t["l35"]],
        targets=[t["children"]],
        tags=["multi-agency"],
        summary="Child-friendly interviews and therapy under one roof.",
    )
    constables = factories.practice(
        site["practices"],
        "Web Constables",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["awareness"]],
        articles=[t["l23"], t["b9"]],
        summary="Police officers answer questions online.",
    )
    factories.practice(
        site["practices"],
        "StopItNow helpline",
        capabilities=[t["cap15"]],
        themes=[t["awareness"]],
        summary="A confidential helpline for people worried about their thoughts.",
    )
    barnahus_fr = translate(
        barnahus,
        {
            "title": "Barnahus (Maison des enfants)",
            "slug": "maison-des-enfants",
            "summary": "Auditions adaptées aux enfants et thérapie sous un même toit.",
        },
    )
    return {
        **site,
        "fr": fr,
        "barnahus": barnahus,
        "barnahus_fr": barnahus_fr,
        "constables": constables,
    }


def french_listing(client, query="", translated=True):
    """The French listing as JSON; ``translated`` (as the tests below were written) lists only
    French pages ("French only"), else untranslated practices are listed too (issue 10)."""
    only = "translated=1&" if translated else ""
    response = client.get(f"/fr/pratiques/?{only}{query}", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def options(data, param):
    return {o["value"]: (o["label"], o["count"]) for o in data["facets"][param] if o["count"]}


def test_translation_keeps_the_taxonomy_links(corpus):
    source, translation = corpus["barnahus"], corpus["barnahus_fr"]
    assert translation.locale.language_code == "fr"
    assert translation.translation_key == source.translation_key
    for relation in ["countries", "capabilities", "themes", "treaty_articles", "target_groups"]:
        keys = {term.stable_key for term in getattr(translation, relation).all()}
        assert keys == {term.stable_key for term in getattr(source, relation).all()}, relation
        assert keys, relation
    assert [tag.slug for tag in translation.tags.all()] == ["multi-agency"]


def test_french_listing_counts_and_labels_facets_in_french(client, corpus):
    data = french_listing(client)
    assert data["count"] == 1
    assert [r["title"] for r in data["results"]] == ["Barnahus (Maison des enfants)"]
    assert data["results"][0]["url"] == "/fr/pratiques/maison-des-enfants/"
    assert data["results"][0]["countries"] == ["IS", "NO", "SE"]
    assert options(data, "country") == {
        "IS": ("Islande", 1),
        "NO": ("Norvège", 1),
        "SE": ("Suède", 1),
    }
    assert options(data, "theme") == {
        "child-friendly-justice": ("Justice adaptée aux enfants", 1),
        "victim-support": ("Soutien aux victimes", 1),
    }
    assert options(data, "capability") == {
        "5": ("5. Juges et procureurs", 1),
        "8": ("8. Accompagnement de bout en bout", 1),
    }
    # Untranslated terms fall back to their English label, matched by the same key.
    assert options(data, "article")["lanzarote-35"][1] == 1
    assert options(data, "target") == {"children": ("Enfants et jeunes", 1)}


def test_french_listing_lists_untranslated_practices_unless_french_only(client, corpus):
    data = french_listing(client, translated=False)
    assert data["count"] == 3
    assert {r["title"] for r in data["results"]} == {
        "Barnahus (Maison des enfants)",
        "StopItNow helpline",
        "Web Constables",
    }
    # Counts follow the choice: Norway has Barnahus (French) and Web Constables (English).
    assert options(data, "country")["NO"] == ("Norvège", 2)
    assert french_listing(client, "country=NO")["count"] == 1
    html = client.get("/fr/pratiques/?sort=title").content.decode()
    card = html[html.index("Web Constables") - 300 : html.index("Web Constables") + 200]
    assert '<li class="card" lang="en">' in card
    assert 'href="/fr/pratiques/web-constables/"' in card
    assert '<span class="language-label" lang="fr">Anglais</span>' in card
    barnahus = html[html.index("Maison des enfants") - 300 : html.index("Maison des enfants")]
    assert 'class="card">' in barnahus and 'lang="en"' not in barnahus
    assert 'id="f-translated" name="translated" value="1">' in html
    only = client.get("/fr/pratiques/?translated=1").content.decode()
    assert "Web Constables" not in only and 'value="1" checked' in only
    # The fallback link serves the English page in the French tree.
    assert client.get("/fr/pratiques/web-constables/").status_code == 200
    # English listings have no such choice.
    assert 'name="translated"' not in client.get("/en/practices/").content.decode()


def test_card_links_are_the_urls_wagtail_gives(client, corpus):
    """Cards are linked without resolving each page's URL (listing.attach_card_links): each
    link is the practice's own URL, and an untranslated one's is its fallback URL."""
    card_link = re.compile(r'<h3 class="card__title"><a href="([^"]+)">([^<]+)</a>')
    for url, language, fallbacks in (
        ("/en/practices/?sort=title", "en", {}),
        (
            "/fr/pratiques/?sort=title",
            "fr",
            {
                "StopItNow helpline": "/fr/pratiques/stopitnow-helpline/",
                "Web Constables": "/fr/pratiques/web-constables/",
            },
        ),
    ):
        html = client.get(url).content.decode()
        links = {title: href for href, title in card_link.findall(html)}
        pages = PracticePage.objects.live().filter(locale__language_code=language)
        assert pages.exists()
        for page in pages:
            assert links.pop(page.title) == page.get_url()
        assert links == fallbacks


def test_french_home_counts_untranslated_practices(client, corpus):
    html = client.get("/fr/").content.decode()
    assert re.search(
        r'href="/fr/pratiques/\?country=NO">Norvège</a> <span class="count">\(2\)', html
    )


def test_french_filters_use_the_same_keys_as_english(client, corpus):
    assert french_listing(client, "country=NO")["count"] == 1
    assert french_listing(client, "country=NO&theme=victim-support")["count"] == 1
    assert french_listing(client, "theme=education-awareness")["count"] == 0
    english = client.get("/en/practices/?country=NO", HTTP_ACCEPT="application/json").json()
    assert english["count"] == 2
    assert options(english, "country")["NO"] == ("Norway", 2)


def test_translating_with_wagtail_localize_keeps_facets(
    client, corpus, django_capture_on_commit_callbacks
):
    """The TranslationSource API, as the admin's "Translate" action uses it."""
    source = corpus["constables"]
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    with django_capture_on_commit_callbacks(execute=True):  # it publishes on commit
        translation_source.create_or_update_translation(french(), publish=True, fallback=True)
    translated = source.get_translation(french()).specific
    assert translated.live
    data = french_listing(client)
    assert data["count"] == 2
    assert options(data, "country") == {
        "IS": ("Islande", 1),
        "NO": ("Norvège", 2),
        "SE": ("Suède", 1),
    }
    assert options(data, "capability")["5"] == ("5. Juges et procureurs", 2)
    assert french_listing(client, "article=budapest-9")["count"] == 1


def test_french_search_finds_french_pages_only(client, corpus):
    data = french_listing(client, "q=enfants")
    assert [r["url"] for r in data["results"]] == ["/fr/pratiques/maison-des-enfants/"]
    assert (
        client.get("/en/practices/?q=enfants", HTTP_ACCEPT="application/json").json()["count"] == 0
    )


def test_search_results_never_mix_languages(client, corpus):
    # "Barnahus" is in both the English and the French title.
    french_results = french_listing(client, "q=Barnahus")["results"]
    english_results = client.get(
        "/en/practices/?q=Barnahus", HTTP_ACCEPT="application/json"
    ).json()["results"]
    assert [r["url"] for r in french_results] == ["/fr/pratiques/maison-des-enfants/"]
    assert [r["url"] for r in english_results] == ["/en/practices/barnahus/"]
    # English-only words find nothing in French: untranslated practices are not listed there.
    assert french_listing(client, "q=constables")["count"] == 0
    # "therapy" may find the French page's "thérapie" (SQLite's porter stemmer), never an
    # English page.
    therapy = french_listing(client, "q=therapy")["results"]
    assert [r["url"] for r in therapy] in ([], ["/fr/pratiques/maison-des-enfants/"])
    assert Page.objects.filter(title="Web Constables").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_french_pages_are_stemmed_as_french_on_postgresql(client, corpus):
    # "adaptées" stems to "adapt" in French ("adapté" in English), as does "adaptation".
    data = french_listing(client, "q=adaptation")
    assert [r["url"] for r in data["results"]] == ["/fr/pratiques/maison-des-enfants/"]
    # English pages are still stemmed as English.
    english = client.get("/en/practices/?q=constable", HTTP_ACCEPT="application/json").json()
    assert [r["title"] for r in english["results"]] == ["Web Constables"]


def test_the_search_backend_stems_each_language_with_its_own_configuration():
    from localisation.search import config_for_language, language_configs

    assert config_for_language("fr") == "french"
    assert config_for_language("en") == "english"
    assert config_for_language("de-at") == "german"
    assert config_for_language("uk") == "simple"  # PostgreSQL has no Ukrainian stemmer
    assert language_configs() == ["english", "french"]
