"""Every page says its language: language in the URL, switcher, hreflang, untranslated fallback."""

import re
from html.parser import HTMLParser

import pytest

from tests import factories
from tests.l10n import french_terms, french_tree, translate


class Elements(HTMLParser):
    """Start tags of a page with their attributes, in document order."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def switcher(html):
    """``[(text, href or None, lang, hreflang)]`` of the language switcher."""
    block = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    result = []
    for item in items:
        attrs = Elements(item).tags[0][1]
        text = re.sub(r"<[^>]+>", "", item).strip()
        result.append((text, attrs.get("href"), attrs.get("lang"), attrs.get("hreflang")))
    return result


def alternates(html):
    # Language alternates only: a listing's Atom feed is an alternate too (opendata.feeds).
    links = Elements(html).find("link", rel="alternate")
    return {a["hreflang"]: a["href"] for a in links if "hreflang" in a}


@pytest.fixture
def bilingual(site, taxonomy):
    french_terms(taxonomy)
    fr = french_tree(site)
    translated = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
    )
    translated_fr = translate(
        translated,
        {
            "title": "Barnahus (Maison des enfants)",
            "slug": "maison-des-enfants",
            "summary": "Un seul toit.",
        },
    )
    untranslated = factories.practice(
        site["practices"],
        "Web Constables",
        countries=[taxonomy["NO"]],
        summary="Police officers answer questions online.",
    )
    return {
        **site,
        "fr": fr,
        "translated": translated,
        "translated_fr": translated_fr,
        "untranslated": untranslated,
    }


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("fr", "/fr/"), ("fr-FR,fr;q=0.9", "/fr/"), ("en", "/en/"), ("de", "/en/")],
)
def test_root_sends_visitors_to_their_language(client, site, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_french_pages_are_served_under_fr_in_french(client, bilingual):
    for page in [bilingual["fr"]["home"], bilingual["fr"]["practices"], bilingual["translated_fr"]]:
        assert page.url.startswith("/fr/")
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="fr">' in html
        assert page.title in html
    assert bilingual["fr"]["practices"].url == "/fr/pratiques/"
    assert bilingual["translated_fr"].url == "/fr/pratiques/maison-des-enfants/"


def test_switcher_goes_to_the_same_page_in_the_other_language(client, bilingual):
    html = client.get(bilingual["translated"].url).content.decode()
    assert switcher(html) == [
        ("English", None, "en", None),
        ("Français", "/fr/pratiques/maison-des-enfants/", "fr", "fr"),
    ]
    assert 'aria-current="true"' in html
    html = client.get(bilingual["translated_fr"].url).content.decode()
    assert switcher(html) == [
        ("English", "/en/practices/barnahus/", "en", "en"),
        ("Français", None, "fr", None),
    ]


def test_switcher_goes_to_the_home_page_when_there_is_no_translation(client, bilingual):
    html = client.get(bilingual["untranslated"].url).content.decode()
    assert switcher(html)[1] == ("Français", "/fr/", "fr", "fr")


def test_hreflang_alternates_list_existing_translations_only(client, bilingual, settings):
    # Absolute links use the configured base URL, never the Site record's "localhost".
    settings.OCSEA_BASE_URL = "https://atlas.example.org"
    html = client.get(bilingual["translated_fr"].url).content.decode()
    assert alternates(html) == {
        "en": "https://atlas.example.org/en/practices/barnahus/",
        "fr": "https://atlas.example.org/fr/pratiques/maison-des-enfants/",
        "x-default": "https://atlas.example.org/en/practices/barnahus/",
    }
    html = client.get(bilingual["untranslated"].url).content.decode()
    assert alternates(html) == {
        "en": "https://atlas.example.org/en/practices/web-constables/",
        "x-default": "https://atlas.example.org/en/practices/web-constables/",
    }


def test_every_section_page_has_switcher_and_alternates(client, bilingual):
    for name in ["home", "practices", "countries", "recommendations", "about"]:
        html = client.get(bilingual["fr"][name].url).content.decode()
        assert set(alternates(html)) == {"en", "fr", "x-default"}, name
        assert switcher(html)[0][1] == bilingual[name].url, name


def test_a_draft_translation_is_not_an_alternate(client, bilingual):
    bilingual["translated_fr"].unpublish()
    html = client.get(bilingual["translated"].url).content.decode()
    assert "fr" not in alternates(html)
    assert switcher(html)[1][1] == "/fr/"


def test_untranslated_practice_is_an_explicit_fallback_in_french(client, bilingual, settings):
    settings.OCSEA_BASE_URL = "https://atlas.example.org"
    response = client.get("/fr/pratiques/web-constables/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    notice = re.search(r'<div class="notice[^"]*" role="note">(.*?)</div>', html, re.S).group(1)
    assert "Pas encore traduit" in notice
    assert '<strong lang="en">Not yet translated</strong>' in notice
    article = re.search(r"<article([^>]*)>(.*?)</article>", html, re.S)
    assert 'lang="en"' in article.group(1)
    assert "Police officers answer questions online." in article.group(2)
    # The English content is not mixed into the French page outside the marked article.
    outside = html.replace(article.group(0), "")
    assert "Police officers answer questions online." not in outside
    assert 'href="/fr/pratiques/"' in html  # the breadcrumb leads back to the French listing
    canonical = "https://atlas.example.org/en/practices/web-constables/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert set(alternates(html)) == {"en", "x-default"}


def test_translated_practice_has_no_fallback_notice(client, bilingual):
    html = client.get(bilingual["translated_fr"].url).content.decode()
    assert 'role="note"' not in html
    assert re.search(r"<article[^>]*lang=", html) is None


def test_english_slug_of_a_translated_practice_redirects_to_the_translation(client, bilingual):
    response = client.get("/fr/pratiques/barnahus/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/pratiques/maison-des-enfants/"


@pytest.mark.parametrize(
    "url",
    [
        "/fr/pratiques/nothing-here/",
        "/fr/pratiques/web-constables/extra/",
        "/en/practices/maison-des-enfants/",
    ],
)
def test_no_fallback_for_unknown_pages(client, bilingual, url):
    assert client.get(url).status_code == 404


def test_no_fallback_for_draft_practices(client, bilingual, taxonomy):
    factories.practice(bilingual["practices"], "Hidden", live=False)
    assert client.get("/fr/pratiques/hidden/").status_code == 404


def test_french_listing_lists_french_practices_only_when_asked(client, bilingual):
    data = client.get("/fr/pratiques/?translated=1", HTTP_ACCEPT="application/json").json()
    assert [r["title"] for r in data["results"]] == ["Barnahus (Maison des enfants)"]
    # By default untranslated practices are listed too, in English (issue 10).
    data = client.get("/fr/pratiques/", HTTP_ACCEPT="application/json").json()
    assert [r["title"] for r in data["results"]] == [
        "Barnahus (Maison des enfants)",
        "Web Constables",
    ]
    data = client.get("/en/practices/", HTTP_ACCEPT="application/json").json()
    assert [r["title"] for r in data["results"]] == ["Barnahus", "Web Constables"]


def test_a_page_without_translation_in_the_visitors_language_says_so(client, site):
    """No French home page yet: /fr/ shows the English one, with a notice, never silently."""
    response = client.get("/fr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    notice = re.search(r'<div class="notice[^"]*" role="note">(.*?)</div>', html, re.S).group(1)
    assert "Pas encore traduit" in notice and '<strong lang="en">Not yet translated' in notice
    assert client.get("/en/").content.decode().count('role="note"') == 0


def test_adding_a_language_is_configuration_only(client, bilingual, settings):
    from wagtail.models import Locale

    from localisation.apps import create_locales

    languages = [*settings.LANGUAGES, ("de", "German")]
    settings.LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = languages
    create_locales(sender=None)  # what every `migrate` does
    assert Locale.objects.filter(language_code="de").exists()
    html = client.get(bilingual["translated"].url).content.decode()
    assert switcher(html)[2] == ("Deutsch", "/de/", "de", "de")
    response = client.get("/de/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'role="note"' in html  # German pages do not exist yet: the English home, flagged
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de")["Location"] == "/de/"


def test_untranslated_recommendation_texts_are_marked_english(client, bilingual):
    from ocsea.core.loading import upsert_translation
    from report.models import Recommendation
    from tests.l10n import french

    default = bilingual["home"].locale
    translated = Recommendation.objects.create(
        key="educate", heading="Educate children", text="Teach them online safety.", locale=default
    )
    upsert_translation(translated, french(), {"heading": "Éduquer les enfants"})
    Recommendation.objects.create(
        key="register", heading="Keep registers", text="Of convicted offenders.", locale=default
    )
    html = client.get(bilingual["fr"]["recommendations"].url).content.decode()
    assert '<h2 id="rec-educate">Éduquer les enfants</h2>' in html
    assert '<p lang="en">Teach them online safety.</p>' in html
    assert re.search(
        r'<article class="recommendation"[^>]*lang="en">\s*<h2 id="rec-register">', html
    )
    english = client.get(bilingual["recommendations"].url).content.decode()
    assert 'lang="en"' not in english.split("<main", 1)[1]
