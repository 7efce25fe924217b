from django.core.management.base import CommandError

from ocsea.core.loading import (
    default_locale,
    is_unchanged,
    other_locales,
    read_yaml,
    remember,
    upsert_translation,
)

from .models import Capability, TargetGroup, Theme, TreatyArticle

# model, fixture file, stable key field, {fixture field: model field}, translated fields
VOCABULARIES = [
    (
        Theme,
        "taxonomy/themes.yaml",
        "key",
        {"name": "name", "description": "description", "report_section": "report_section"},
        ["name", "description"],
    ),
    (
        Capability,
        "taxonomy/capabilities.yaml",
        "number",
        {"name": "name", "domain": "domain", "description": "description"},
        ["name", "domain", "description"],
    ),
    (
        TreatyArticle,
        "taxonomy/treaty_articles.yaml",
        "key",
        {"convention": "convention", "number": "number", "title": "title"},
        ["title"],
    ),
    (
        TargetGroup,
        "taxonomy/target_groups.yaml",
        "key",
        {"name": "name"},
        ["name"],
    ),
]


def load_vocabulary(model, path, key_field, fields, translated, report):
    source_locale = default_locale()
    translations = other_locales()
    records = read_yaml(path) or []
    for position, record in enumerate(records):
        key = record.get(key_field)
        if key in (None, ""):
            raise CommandError(f"{path}: record {position + 1} has no {key_field!r}")
        if model is TreatyArticle and key != TreatyArticle.make_key(
            record["convention"], record["number"]
        ):
            raise CommandError(f"{path}: {key!r} does not match its convention and number")
        ledger_key = f"{model._meta.label_lower}:{key}"
        kind = model._meta.verbose_name_plural
        if (
            is_unchanged(ledger_key, record)
            and model.objects.filter(**{key_field: key, "locale": source_locale}).exists()
        ):
            report.add(kind, "unchanged")
            continue
        values = {model_field: record.get(name) or "" for name, model_field in fields.items()}
        if hasattr(model, "sort_order"):
            values["sort_order"] = position
        term, created = model.objects.update_or_create(
            **{key_field: key, "locale": source_locale}, defaults=values
        )
        for locale in translations:
            upsert_translation(
                term,
                locale,
                {name: record.get(f"{name}_{locale.language_code}") for name in translated},
            )
        remember(ledger_key, record)
        report.add(kind, "created" if created else "updated")


def load_taxonomy(report):
    for vocabulary in VOCABULARIES:
        load_vocabulary(*vocabulary, report)
