"""Searched words marked in the text of a result."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def term_pattern(query):
    """What ``highlight`` marks for ``query``: words starting with any of its terms (of two
    characters or more), or None. Compiled once for a page of results."""
    terms = [re.escape(escape(term)) for term in (query or "").split() if len(term) > 1]
    if not terms:
        return None
    return re.compile(r"\b(" + "|".join(terms) + r")\w*", re.IGNORECASE)


def highlight(text, pattern):
    """``text``, escaped, with the words ``pattern`` finds wrapped in ``<mark>``."""
    text = escape(text or "")
    if pattern is None:
        return mark_safe(text)  # noqa: S308 - escaped above
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308
