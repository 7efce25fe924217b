"""Gettext catalogues without GNU gettext: compile with Babel, extract as ``makemessages`` does.

A fresh machine has Python and ``make`` only, so ``.mo`` files are compiled here (pure Python)
rather than by ``compilemessages``. ``extract_messages`` finds the msgids ``makemessages`` would
find (templates through Django's own ``templatize``, Python through Babel's extractor) so that a
test can tell when ``locale/*/LC_MESSAGES/django.po`` is out of date, without ``xgettext``.
"""

import io
from pathlib import Path

from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The Django gettext functions, in Babel's keyword notation (as makemessages passes to xgettext).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# Directories ``make messages`` ignores (hidden directories are always ignored).
IGNORED_DIRS = {"locale", "fixtures", "tests", "staticfiles", "media", "node_modules", "build"}


def po_files(base_dir):
    return sorted(Path(base_dir).glob("locale/*/LC_MESSAGES/django.po"))


def read_catalogue(po_path):
    with open(po_path, "rb") as handle:
        return read_po(handle, abort_invalid=True)


def compile_catalogue(po_path):
    """Write ``django.mo`` next to ``po_path``; fuzzy entries are left out, as msgfmt does."""
    catalog = read_catalogue(po_path)
    mo_path = Path(po_path).with_suffix(".mo")
    with open(mo_path, "wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return mo_path


def compile_all(base_dir):
    """Compile every ``locale/*/LC_MESSAGES/django.po`` under ``base_dir``; return the .mo paths."""
    return [compile_catalogue(path) for path in po_files(base_dir)]


def source_files(base_dir):
    base_dir = Path(base_dir)
    for path in sorted(base_dir.rglob("*")):
        parts = path.relative_to(base_dir).parts
        if any(part.startswith(".") or part in IGNORED_DIRS for part in parts[:-1]):
            continue
        if "migrations" in parts[:-1]:
            continue
        if path.suffix in (".py", ".html", ".txt") and path.is_file():
            yield path


def _extract(code, path):
    for _lineno, funcname, messages, _comments in extract_python(
        io.BytesIO(code.encode("utf-8")), KEYWORDS.keys(), [], {}
    ):
        spec = KEYWORDS[funcname]
        if not isinstance(messages, tuple):
            messages = (messages,)
        if spec is None:
            spec = (1,)
        context = None
        singular = None
        for position in spec:
            if isinstance(position, tuple):
                context = messages[position[0] - 1]
            elif singular is None:
                singular = messages[position - 1]
        if isinstance(singular, str) and singular:
            yield context, singular, path


def extract_messages(base_dir):
    """``{(msgctxt, msgid): first file}`` for every translatable string in the project."""
    from django.utils.translation.template import templatize

    found = {}
    for path in source_files(base_dir):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            if "gettext" not in text and "_(" not in text:
                continue
            code = text
        else:
            code = templatize(text, origin=str(path))
        for context, msgid, where in _extract(code, path):
            found.setdefault((context, msgid), where)
    return found
