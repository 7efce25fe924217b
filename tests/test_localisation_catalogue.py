"""The interface is fully translated into French through the gettext catalogue.

- every string marked for translation in the code is in ``locale/fr/LC_MESSAGES/django.po``,
  translated and not fuzzy (the extraction is the one ``makemessages`` does, in pure Python);
- no template holds visible text outside ``{% translate %}`` / ``{% blocktranslate %}``;
- French pages render no English interface string;
- ``compile_translations`` builds the ``.mo`` with Babel, without GNU gettext.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.utils import translation

from localisation.catalogues import compile_catalogue, extract_messages, read_catalogue
from tests import factories
from tests.l10n import french_terms, french_tree, translate

PO = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# The project's templates and those of its own apps (not those of installed packages).
TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + sorted(
    path
    for path in Path(settings.BASE_DIR).glob("*/templates")
    if not path.parent.name.startswith(".")
)
# Visible text a template may hold as it is: file names and symbols.
LITERAL_TEXT = re.compile(r"[\w-]+\.(json|csv)")
# Blocks whose content is not text (a class name), skipped like translated text.
NON_TEXT_BLOCKS = {"block body_class"}
TEXT_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "summary"}


def catalogue():
    return read_catalogue(PO)


def entries(catalog):
    return [message for message in catalog if message.id]


def test_every_french_entry_is_translated_and_not_fuzzy():
    catalog = catalogue()
    assert catalog.locale is not None and str(catalog.locale) == "fr"
    problems = []
    for message in entries(catalog):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            problems.append(message.id)
    assert problems == []
    assert len(entries(catalog)) > 100


def test_the_catalogue_has_every_string_marked_in_the_code():
    """Fails when a msgid is missing: run ``make messages`` and translate the new entries."""
    known = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in entries(catalogue())
    }
    found = extract_messages(settings.BASE_DIR)
    missing = {
        f"{where.relative_to(settings.BASE_DIR)}: {msgid!r}"
        for (context, msgid), where in found.items()
        if (context, msgid) not in known
    }
    assert sorted(missing) == []
    assert "Practices" in {msgid for _context, msgid in found}  # the extraction does work


def test_extraction_finds_template_and_python_strings(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text(
        '{% load i18n %}<p>{% translate "Hello" %}</p>'
        "{% blocktranslate with n=x %}{{ n }} apples{% endblocktranslate %}",
        encoding="utf-8",
    )
    (tmp_path / "m.py").write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext\n"
        'A = _("Lazy")\nB = pgettext("month", "May")\n',
        encoding="utf-8",
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "t.py").write_text('_("Ignored")\n', encoding="utf-8")
    found = set(extract_messages(tmp_path))
    assert found == {(None, "Hello"), (None, "%(n)s apples"), (None, "Lazy"), ("month", "May")}


class VisibleText(HTMLParser):
    """Text a reader sees or hears: text nodes and the text attributes of elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in TEXT_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def untranslated_template_text(source):
    """Words a template shows outside translation tags.

    Variables become ``0`` and tags disappear (so does everything between ``blocktranslate``
    and its end); what remains is parsed as HTML and its visible text searched for letters.
    """
    html = []
    inside_translation = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in ("blocktranslate", "blocktrans") or token.contents in NON_TEXT_BLOCKS:
                inside_translation = True
            elif name in ("endblocktranslate", "endblocktrans", "endblock"):
                inside_translation = False
        elif token.token_type == TokenType.VAR and not inside_translation:
            html.append("0")
        elif token.token_type == TokenType.TEXT and not inside_translation:
            html.append(token.contents)
    text = LITERAL_TEXT.sub("", VisibleText.of("".join(html)))
    return re.findall(r"[^\W\d_]{2,}", text)


def test_untranslated_text_is_detected():
    assert untranslated_template_text("<p>Hello {{ name }}</p>") == ["Hello"]
    assert untranslated_template_text('<nav aria-label="Main"></nav>') == ["Main"]
    assert untranslated_template_text('{% load i18n %}<p>{% translate "Hello" %}</p>') == []
    assert (
        untranslated_template_text(
            "{% blocktranslate %}Hello {{ n }}{% endblocktranslate %}<a>x.json</a>"
        )
        == []
    )


def template_files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(directory.rglob("*.html"))


@pytest.mark.parametrize(
    "path", list(template_files()), ids=lambda p: str(p.relative_to(settings.BASE_DIR))
)
def test_templates_hold_no_untranslated_text(path):
    assert untranslated_template_text(path.read_text(encoding="utf-8")) == []


def template_msgids():
    """Catalogue entries from templates whose French differs from the English."""
    for message in entries(catalogue()):
        if not any(location.startswith("templates/") for location, _line in message.locations):
            continue
        if isinstance(message.id, tuple) or "%(" in message.id:
            continue
        if message.string and message.string != message.id and len(message.id) > 3:
            yield message.id


@pytest.fixture
def french_site(site, taxonomy):
    french_terms(taxonomy)
    fr = french_tree(site)
    country = factories.country_page(site["countries"], taxonomy["IS"])
    country_fr = translate(country, {"title": "Islande", "slug": "islande"})
    practice = factories.practice(
        site["practices"],
        "Barnahus",
        countries=[taxonomy["IS"]],
        capabilities=[taxonomy["cap8"]],
        themes=[taxonomy["victims"]],
        tags=["therapie"],
    )
    practice_fr = translate(practice, {"title": "Maison des enfants", "slug": "maison-des-enfants"})
    return {**fr, "country": country_fr, "practice": practice_fr}


def test_french_pages_show_no_english_interface_string(client, french_site):
    english = list(template_msgids())
    assert "Search practices" in english
    pages = {name: page.url for name, page in french_site.items()}
    pages["search"] = french_site["practices"].url + "?q=maison&country=IS&country=XX&sort=bad"
    pages["404"] = "/fr/pas-de-page-ici/"
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code in (200, 404), name
        text = VisibleText.of(response.content.decode())
        left = [msgid for msgid in english if re.search(rf"(?<!\w){re.escape(msgid)}(?!\w)", text)]
        assert left == [], name


def test_french_labels_come_from_the_catalogue():
    with translation.override("fr"):
        assert translation.gettext("Practices") == "Pratiques"
        assert str(factories.PracticePage._meta.verbose_name) == "pratique"


def test_compile_translations_writes_mo_files_with_babel(tmp_path, monkeypatch):
    po = tmp_path / "locale" / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr "Bonjour"\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Salut"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    call_command("compile_translations", verbosity=0)
    mo = po.with_suffix(".mo")
    assert mo.exists()
    import gettext

    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Hello") == "Bonjour"
    assert catalog.gettext("Bye") == "Bye"  # fuzzy entries are not compiled


def test_the_project_catalogue_compiles(tmp_path):
    copy = tmp_path / "django.po"
    copy.write_bytes(PO.read_bytes())
    assert compile_catalogue(copy).stat().st_size > 1000
