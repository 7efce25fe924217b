"""PostgreSQL text-search configurations by language.

The one place that knows which snowball configuration stems which language: the search
backend (``localisation.search``) indexes pages with it and the listing's text match
(``search_tuning.matching``) searches with it.
"""

from django.conf import settings

# The snowball configurations PostgreSQL ships, by language code.
DEFAULT_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def config_for_language(code):
    return DEFAULT_CONFIGS.get(code.split("-")[0].lower(), "simple")


def language_configs():
    """The configurations of the configured languages, in order, without repeats."""
    return list(dict.fromkeys(config_for_language(code) for code, _name in settings.LANGUAGES))
