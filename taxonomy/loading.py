from django.core.management.base import CommandError

from ocsea.core.loading import (
    default_locale,
    load_translated_rows,
    other_locales,
    read_yaml,
    save_row,
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
        values = {model_field: record.get(name) or "" for name, model_field in fields.items()}
        if hasattr(model, "sort_order"):
            values["sort_order"] = position
        lookup = {key_field: key, "locale": source_locale}
        ledger_key = f"{model._meta.label_lower}:{key}"
        term = report.load(
            model._meta.verbose_name_plural,
            ledger_key,
            record,
            report.find(
                ledger_key, model, lambda lookup=lookup: model.objects.filter(**lookup).first()
            ),
            lambda term, lookup=lookup, values=values: save_row(model, term, lookup, values),
        )
        load_translated_rows(report, ledger_key, record, term, translations, translated)


def load_taxonomy(report):
    for vocabulary in VOCABULARIES:
        load_vocabulary(*vocabulary, report)
