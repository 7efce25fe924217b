"""Shared machinery of the ``load_content`` command: files, fingerprints, locales, pages."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from .models import LoadedRecord


@dataclass
class LoadReport:
    """Counts of what one run created, updated or left unchanged, by kind of record."""

    counts: dict = field(default_factory=dict)

    def add(self, kind, outcome):
        self.counts.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        self.counts[kind][outcome] += 1

    def lines(self):
        return [
            f"{kind}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for kind, c in self.counts.items()
        ]


def fixtures_dir():
    return Path(settings.OCSEA_FIXTURES_DIR)


def read_yaml(relative_path):
    path = fixtures_dir() / relative_path
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as error:
        raise CommandError(f"{path}: {error}") from error


def fingerprint(data):
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def is_unchanged(key, data):
    record = LoadedRecord.objects.filter(key=key).first()
    return record is not None and record.fingerprint == fingerprint(data)


def remember(key, data):
    LoadedRecord.objects.update_or_create(key=key, defaults={"fingerprint": fingerprint(data)})


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


def save_page(page, parent=None):
    """Save a new page under ``parent`` or a new revision of an existing one, and publish it."""
    if page.pk is None:
        parent.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    revision.publish(log_action=True)
    return page
