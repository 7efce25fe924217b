"""When nothing matches: spelling suggestions from the atlas's own words, and facet values
whose names match the words typed.

The vocabulary is the words of the corpus's names (titles, organisations, tags), of the
facet values' names and of the synonyms, built once per content generation and cached;
matching a word against it is ``difflib``'s, from the standard library.
"""

import difflib

from ocsea.core import memo

from .synonyms import GENERATION, synonym_table
from .text import WORD, fold

MIN_WORD_LENGTH = 4
CUTOFF = 0.75
MAX_FACET_SUGGESTIONS = 8


def vocabulary(content_key, language, texts):
    """``{folded word: word as written}`` of ``texts`` (a callable giving strings), kept for
    ``content_key`` (which the caller moves on when its content changes) and the synonym
    generation (``ocsea.core.memo``)."""

    def build():
        words = {}
        for text in texts():
            for word in WORD.findall(text):
                if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                    words.setdefault(fold(word), word.lower())
        for phrase in synonym_table(language):
            for word in phrase:
                if len(word) >= MIN_WORD_LENGTH:
                    words.setdefault(word, word)
        return words

    return memo.remembered(("vocabulary", language), (content_key, GENERATION.current()), build)


def correct(word, words):
    """The closest vocabulary word to ``word``, or ``None`` if it is known or has none."""
    folded = fold(word)
    if len(folded) < MIN_WORD_LENGTH or folded in words or folded.isdigit():
        return None
    close = difflib.get_close_matches(folded, list(words), n=1, cutoff=CUTOFF)
    return words[close[0]] if close else None


def spelling(terms, words):
    """``terms`` with each unknown word replaced by its closest vocabulary word, or ``None``."""
    typed = WORD.findall(terms)
    corrected = [correct(word, words) or word for word in typed]
    if [fold(w) for w in corrected] == [fold(w) for w in typed]:
        return None
    return " ".join(corrected)


def matching_facet_values(terms, facets, words):
    """``[(facet param, facet label, value, value label)]`` whose value's name holds a word
    typed (or its spelling correction), or starts with it.

    ``facets`` is ``[(param, label, [(value, value label)])]``.
    """
    wanted = set()
    for word in WORD.findall(terms):
        folded = fold(word)
        if len(folded) >= 3 and not folded.isdigit():
            wanted.add(folded)
            corrected = correct(word, words)
            if corrected:
                wanted.add(fold(corrected))
    found = []
    for param, label, options in facets:
        for value, value_label in options:
            label_words = [fold(w) for w in WORD.findall(str(value_label))]
            if any(
                label_word == want or (len(want) >= 4 and label_word.startswith(want))
                for want in wanted
                for label_word in label_words
            ):
                found.append((param, label, value, value_label))
                if len(found) >= MAX_FACET_SUGGESTIONS:
                    return found
    return found
