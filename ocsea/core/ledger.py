"""The loader's ledger: what it wrote, compared with the fixtures and the database.

**The loader never overwrites an editor.** Every record it writes (a term, a country, a page,
a translated row or page) has an entry in the ledger (``LoadedRecord``): the hash of the
fixture data it was written from and hashes of the record as the loader left it. On each run,
for each fixture record, :meth:`Ledger.decide` compares them with the fixture and the database:

- not in the ledger and not in the database: **create** it;
- in the ledger but gone from the database: editors deleted it, **leave it alone** (not
  re-created);
- in the database but changed since the loader wrote it (edited, a pending draft,
  unpublished, moved): **leave it alone** and say so;
- unchanged since the loader wrote it: **update** it if the fixture changed, else nothing.

What is left alone is printed (``load_content --check`` lists it without writing), so that a
person decides; ``load_content --reset [KEY]`` overwrites (development). A record the ledger
holds no state for (loaded before the ledger kept states) counts as changed by editors if the
admin's history shows someone changed it.
"""

import hashlib
import html
import json
import re

from django.core.exceptions import FieldDoesNotExist
from wagtail.fields import StreamField
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page

from .models import LoadedRecord

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
EDITED, DELETED = "edited", "deleted"  # left alone: editors changed or deleted it
OUTCOMES = [CREATED, UPDATED, UNCHANGED, EDITED, DELETED]

# Keys of a page revision's content that say where and how it was saved, not what it says.
PAGE_METADATA = {
    "pk",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "content_type",
    "url_path",
    "draft_title",
    "owner",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "alias_of",
}


def fingerprint(data):
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def short_fingerprint(data):
    return fingerprint(data)[:16]


# The rich text editor adds a key to each paragraph it saves.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def comparable_stream(value):
    """A StreamField's JSON without what saving renews: block ids, rich text paragraph keys
    and the escaping of characters."""
    if isinstance(value, list):
        return [comparable_stream(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable_stream(item) for key, item in value.items() if key != "id"}
    if isinstance(value, str):
        return html.unescape(BLOCK_KEY.sub("", value))
    return value


def comparable_page_value(model, name, value):
    """A revision's ``value`` for field ``name`` without what a save may reorder or renew: the
    order of many-to-many keys and of unordered rows, row ids, stream blocks' ids and keys."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if model_field.many_to_many and isinstance(value, list):
        return sorted(value)
    if model_field.one_to_many and isinstance(value, list):
        rows = [
            {key: item for key, item in row.items() if key not in ("pk", "sort_order")}
            for row in value
        ]
        if not hasattr(model_field.related_model, "sort_order"):
            rows.sort(key=fingerprint)
        return rows
    if isinstance(model_field, StreamField) and isinstance(value, str):
        return comparable_stream(json.loads(value or "[]"))
    return value


def record_state(record):
    """Hashes of ``record`` as it stands in the database.

    A page: each field of its latest revision (so a pending draft counts), whether it is live
    and its parent. Any other model: each field, and the keys of its many-to-many relations.
    """
    if isinstance(record, Page):
        page = Page.objects.select_related("latest_revision").get(pk=record.pk)
        revision = page.latest_revision
        content = revision.content if revision is not None else page.specific.serializable_data()
        model = page.specific_class or Page
        parent = page.get_parent()
        return {
            "fields": {
                name: short_fingerprint(comparable_page_value(model, name, value))
                for name, value in content.items()
                if name not in PAGE_METADATA
            },
            "live": page.live,
            "parent": parent.pk if parent is not None else None,
        }
    record = type(record)._default_manager.get(pk=record.pk)
    fields = {
        model_field.attname: short_fingerprint(model_field.value_from_object(record))
        for model_field in record._meta.concrete_fields
        if not model_field.primary_key
    }
    for model_field in record._meta.many_to_many:
        related = sorted(item.pk for item in getattr(record, model_field.name).all())
        fields[model_field.name] = short_fingerprint(related)
    return {"fields": fields}


def describe_change(before, after):
    """What editors did to a record, from its state when loaded (``before``) and now."""
    changes = []
    if before.get("live") and not after.get("live"):
        changes.append("unpublished")
    elif after.get("live") and not before.get("live"):
        changes.append("published")
    if before.get("parent") != after.get("parent"):
        changes.append("moved")
    edited = sorted(
        name
        for name in before["fields"].keys() | after["fields"].keys()
        if before["fields"].get(name) != after["fields"].get(name)
    )
    if edited:
        changes.append(f"edited ({', '.join(edited)})")
    return ", ".join(changes) or "changed"


def changed_in_the_admin(record):
    """Whether the admin's history shows a person changing ``record`` (the loader logs none)."""
    return log_registry.get_logs_for_instance(record).filter(user__isnull=False).exists()


def matches(key, pattern):
    """Whether ledger ``key`` is selected by ``--reset`` ``pattern``.

    ``KIND[:REST]``: the kind is the key's (``practices.practicepage``) or its app
    (``practices``); the rest, if given, is the key's record part or a prefix of it ending at
    a colon (``taxonomy.theme:governance`` selects the term and its translations).
    """
    if pattern == "*":
        return True
    kind, _sep, rest = key.partition(":")
    wanted_kind, _sep, wanted_rest = pattern.partition(":")
    if kind != wanted_kind and not kind.startswith(f"{wanted_kind}."):
        return False
    return not wanted_rest or rest == wanted_rest or rest.startswith(f"{wanted_rest}:")


class Ledger:
    """The loader's record of what it wrote, compared with the fixtures and the database."""

    def __init__(self, reset=()):
        self.entries = {entry.key: entry for entry in LoadedRecord.objects.all()}
        self.reset = list(reset)
        self.left_alone = []

    def find(self, key, model, by_key):
        """The record ``key`` was written as (even if editors renamed it), else ``by_key()``.

        ``None`` when the ledger knows the record and it is gone: editors deleted it.
        """
        entry = self.entries.get(key)
        if entry is not None and entry.object_id:
            return model._default_manager.filter(pk=entry.object_id).first()
        return by_key()

    def leave_alone(self, key, reason, fixture_changed):
        line = f"{key}: {reason}; left alone"
        if fixture_changed:
            line += " (its fixture has changed since it was loaded)"
        self.left_alone.append(f"{line}. `load_content --reset {key}` overwrites it.")

    def decide(self, key, data, record):
        """What to do with fixture ``data`` for ``record`` (``None`` if not in the database)."""
        entry = self.entries.get(key)
        fixture_changed = entry is None or entry.fingerprint != fingerprint(data)
        if any(matches(key, pattern) for pattern in self.reset):
            if record is None:
                return CREATED
            untouched = entry is not None and entry.state == record_state(record)
            return UNCHANGED if untouched and not fixture_changed else UPDATED
        if record is None:
            if entry is None:
                return CREATED
            self.leave_alone(key, "deleted by editors, not re-created", fixture_changed)
            return DELETED
        if entry is None or entry.state is None:
            if changed_in_the_admin(record):
                self.leave_alone(key, "changed in the admin", fixture_changed)
                return EDITED
            if fixture_changed:
                return UPDATED
            self.remember(key, data, record)  # loaded before the ledger kept states
            return UNCHANGED
        state = record_state(record)
        if state != entry.state:
            self.leave_alone(key, describe_change(entry.state, state), fixture_changed)
            return EDITED
        return UPDATED if fixture_changed else UNCHANGED

    def remember(self, key, data, record):
        """Record that the loader wrote ``record`` from ``data`` (writes only what changed)."""
        values = {
            "fingerprint": fingerprint(data),
            "object_id": str(record.pk),
            "state": record_state(record),
        }
        entry = self.entries.get(key)
        if entry is not None and all(
            getattr(entry, name) == value for name, value in values.items()
        ):
            return
        entry = entry or LoadedRecord(key=key)
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
        self.entries[key] = entry
