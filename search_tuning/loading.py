"""``load_content``'s part for search synonyms (``fixtures/search/synonyms.yaml``).

Each list is a record of the loader's ledger (``search_tuning.synonym:<key>``): created when
missing, updated when its fixture changed and editors did not touch it, left alone otherwise.
"""

from ocsea.core.loading import fixtures_dir, read_yaml, save_row

from .models import Synonym

FIXTURE = "search/synonyms.yaml"


def load_synonyms(report):
    if not (fixtures_dir() / FIXTURE).exists():  # a content set without synonyms
        return
    for record in read_yaml(FIXTURE) or []:
        key = record["key"]
        values = {
            "terms": "\n".join(record["terms"]),
            "language": record.get("language") or "",
            "source": " ".join((record.get("source") or "").split()),
        }
        ledger_key = f"search_tuning.synonym:{key}"
        report.load(
            "search synonyms",
            ledger_key,
            record,
            report.find(
                ledger_key, Synonym, lambda key=key: Synonym.objects.filter(key=key).first()
            ),
            lambda row, key=key, values=values: save_row(Synonym, row, {"key": key}, values),
        )
