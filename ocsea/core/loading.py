"""Shared machinery of the ``load_content`` command: the run and its report, files, locales,
pages. Whether a record may be written is the ledger's decision (``ocsea.core.ledger``)."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from .ledger import CREATED, DELETED, EDITED, OUTCOMES, UNCHANGED, UPDATED, Ledger


@dataclass
class LoadReport:
    """One run of the loader: its ledger, and what it created, updated or left alone by kind."""

    reset: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    ledger: Ledger = None

    def __post_init__(self):
        if self.ledger is None:
            self.ledger = Ledger(self.reset)

    def add(self, kind, outcome):
        self.counts.setdefault(kind, dict.fromkeys(OUTCOMES, 0))
        self.counts[kind][outcome] += 1

    def note(self, line):
        self.notes.append(line)

    def find(self, key, model, by_key):
        return self.ledger.find(key, model, by_key)

    def load(self, kind, key, data, record, write):
        """Decide for one fixture record and write it when the loader may; return the record.

        ``write(record)`` creates the record (``record`` is ``None``) or updates it, and returns
        it. The result is the record as it now stands, or ``None`` if editors deleted it.
        """
        outcome = self.ledger.decide(key, data, record)
        if outcome in (CREATED, UPDATED):
            record = write(record)
            self.ledger.remember(key, data, record)
        self.add(kind, outcome)
        return record

    def lines(self):
        lines = []
        for kind, c in self.counts.items():
            line = f"{kind}: {c[CREATED]} created, {c[UPDATED]} updated, {c[UNCHANGED]} unchanged"
            if c[EDITED] + c[DELETED]:
                line += f", {c[EDITED] + c[DELETED]} left alone (changed by editors)"
            lines.append(line)
        return lines + self.notes + self.ledger.left_alone


# libyaml's safe loader when PyYAML was built with it: the same result, several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def fixtures_dir():
    return Path(settings.OCSEA_FIXTURES_DIR)


def read_yaml(relative_path):
    path = fixtures_dir() / relative_path
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise CommandError(f"{path}: {error}") from error


def default_locale():
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def ensure_locales():
    """One Locale per configured language, default first."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def other_locales():
    return [locale for code, locale in ensure_locales().items() if code != settings.LANGUAGE_CODE]


def paragraphs_html(text):
    """Plain text with blank-line-separated paragraphs as escaped ``<p>`` HTML."""
    blocks = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def stream_blocks(blocks, where):
    """Fixture ``body`` blocks as StreamField ``(type, value)`` pairs."""
    stream = []
    for block in blocks or []:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            stream.append(("paragraph", RichText(paragraphs_html(value))))
        elif kind == "quote":
            stream.append(("quote", {"text": value["text"], "source": value["source"]}))
        elif kind == "key_figure":
            stream.append(
                (
                    "key_figure",
                    {
                        "figure": str(value["figure"]),
                        "label": value["label"],
                        "source": value["source"],
                    },
                )
            )
        elif kind == "list":
            stream.append(
                (
                    "list",
                    {
                        "heading": value.get("heading") or "",
                        "items": [str(i) for i in value["items"]],
                    },
                )
            )
        else:
            raise CommandError(f"{where}: unknown body block type {kind!r}")
    return stream


def upsert_translation(source, locale, values):
    """Create or update ``source``'s translation into ``locale`` with translated ``values``.

    Synchronised fields (stable keys, indicators) are copied from the source each time.
    """
    model = type(source)
    translation = model.objects.filter(
        translation_key=source.translation_key, locale=locale
    ).first()
    if translation is None:
        translation = source.copy_for_translation(locale)
    else:
        for model_field in model._meta.concrete_fields:
            if model_field.name not in ("id", "locale", "translation_key"):
                setattr(translation, model_field.attname, getattr(source, model_field.attname))
    for name, value in values.items():
        if value:
            setattr(translation, name, value)
    translation.save()
    return translation


def save_row(model, row, lookup, values):
    """Create ``model(**lookup, **values)``, or set ``values`` on the existing ``row``."""
    if row is None:
        return model.objects.create(**lookup, **values)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row


def load_translated_rows(report, ledger_key, record, source, locales, translated):
    """``source``'s row in each of ``locales``, with the record's ``<field>_<language>`` values.

    Each translated row is a record of its own (``<ledger key>:<language>``), so a translator's
    work on it is left alone like an editor's. Nothing is made for a source editors deleted.
    """
    if source is None:
        return
    model = type(source)
    for locale in locales:
        code = locale.language_code
        values = {name: record.get(f"{name}_{code}") for name in translated}
        key = f"{ledger_key}:{code}"
        report.load(
            f"{model._meta.verbose_name_plural} ({code})",
            key,
            record,
            report.find(key, model, lambda locale=locale: source.get_translation_or_none(locale)),
            lambda _row, locale=locale, values=values: upsert_translation(source, locale, values),
        )


def save_page(page, parent=None):
    """Save a new page under ``parent`` or a new revision of an existing one, and publish it.

    A new page is added as a draft and goes live by publishing its revision, so that it meets
    whatever rules its model's ``publish()`` applies (a refusal leaves the draft).
    """
    if page.pk is None:
        page.live = False
        parent.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    revision.publish(log_action=True)
    return page
