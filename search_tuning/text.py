"""Words, squashed names and the little normalisation every part of the search shares."""

import re
import unicodedata

WORD = re.compile(r"\w+")
# Name n-grams squashed for "stop it now" -> "StopItNow!" and "b bico" -> "B-BICO".
MAX_NAME_WORDS = 3
MIN_SQUASHED_LENGTH = 4


def fold(text):
    """Lower case without diacritics: what comparisons of words use."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def phrase_words(text):
    """The folded words of ``text`` as a tuple: ``"Children's House"`` -> ``("children", "s",
    "house")``, as the search backends split them."""
    return tuple(WORD.findall(fold(text).replace("_", " ")))


def squash(text):
    """``"StopItNow!"`` and ``"stop it now"`` -> ``"stopitnow"``."""
    return "".join(phrase_words(text))


def squashed_aliases(names):
    """Squashed forms of the names' tokens and short token runs, for the search index.

    A token written with punctuation or capitals inside it (``B-BICO``, ``StopItNow!``) and a
    run of two or three tokens (``Stop It Now``) each give one squashed word, so that a query
    typed either way finds the name (the query side squashes its word runs the same way).
    """
    aliases = []
    for name in names:
        tokens = name.split()
        for size in range(1, MAX_NAME_WORDS + 1):
            for start in range(len(tokens) - size + 1):
                gram = tokens[start : start + size]
                squashed = squash(" ".join(gram))
                if len(squashed) < MIN_SQUASHED_LENGTH:
                    continue
                if size == 1 and len(phrase_words(gram[0])) < 2:
                    continue  # a plain word is indexed as it is
                aliases.append(squashed)
    return list(dict.fromkeys(aliases))
