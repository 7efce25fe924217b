"""Which languages the site serves, and where each page lives in each of them."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from ocsea.core.absolute import absolute_url


@dataclass
class LanguageVersion:
    code: str
    name_local: str
    url: str
    is_current: bool
    translated: bool
    full_url: str = ""


def language_name_local(code):
    """A language's name in that language, capitalised ("Français"), or the code if unknown."""
    try:
        name = get_language_info(code)["name_local"]
    except KeyError:
        return code
    return name[:1].upper() + name[1:]


def home_pages():
    """The live home page of each locale, by language code."""
    from ocsea.core.models import HomePage

    return {
        home.locale.language_code: home
        for home in HomePage.objects.live().select_related("locale").order_by("path")
    }


def page_translations(page):
    """Live translations of ``page`` (itself included), by language code."""
    if not isinstance(page, Page) or page.pk is None:
        return {}
    return {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }


def language_versions(request, page):
    """For every configured language: the same page in it, or that language's home page.

    Cached on the request, because the switcher and the hreflang links both need it.
    """
    cache_key = ("_localisation_versions", getattr(page, "pk", None))
    cached = getattr(request, "_localisation_versions", None)
    if cached is not None and cached[0] == cache_key:
        return cached[1]
    current = get_language()
    translations = page_translations(page)
    # The home pages only for the languages the page is not translated into.
    homes = home_pages() if any(code not in translations for code, _ in settings.LANGUAGES) else {}
    versions = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        target_url = target.get_url(request) if target else None
        url = target_url or f"/{code}/"
        versions.append(
            LanguageVersion(
                code=code,
                name_local=language_name_local(code),
                url=url,
                is_current=code == current,
                translated=code in translations,
                full_url=absolute_url(target_url, request) if code in translations else "",
            )
        )
    if request is not None:
        request._localisation_versions = (cache_key, versions)
    return versions
