"""The synonym table editors maintain, as the query side reads it: cached per generation."""

from django.core.cache import cache
from django.db.models import Q

from ocsea.core.generations import Generation

from .models import Synonym
from .text import fold, phrase_words

CACHE_SECONDS = 24 * 3600
# Saving or deleting a synonym moves it on (search_tuning.apps).
GENERATION = Generation("search_tuning:generation")


def base_language(code):
    return (code or "").split("-")[0].lower()


def synonym_table(language):
    """``{folded phrase words: [other phrases' folded words]}`` for searches in ``language``.

    Read once per synonym generation and language: saving or deleting a synonym in the admin
    moves the generation on, so the next search reads the new table (no restart).
    """
    language = base_language(language)
    key = f"search_tuning:synonyms:{GENERATION.current()}:{language}"
    table = cache.get(key)
    if table is None:
        groups = {}
        rows = Synonym.objects.filter(Q(language="") | Q(language__iexact=language))
        for row in rows:
            terms = list(dict.fromkeys(phrase_words(fold(term)) for term in row.term_list()))
            for term in terms:
                groups.setdefault(term, [])
                for other in terms:
                    if other != term and other not in groups[term]:
                        groups[term].append(other)
        table = groups
        cache.set(key, table, CACHE_SECONDS)
    return table


def longest_phrase(table):
    return max((len(phrase) for phrase in table), default=0)
