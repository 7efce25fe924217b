"""The coverage matrix: rows (countries or treaty articles) × MNR capabilities, with counts.

Counts use the listing's pipeline (``counting.filtered_practice_ids``) and its facet
parameters, so a cell equals the number of results of the listing URL it links to.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from practices.facets import FACETS, FACETS_BY_PARAM, facet_vocabulary

from .counting import cross_counts, filtered_practice_ids

COLUMN_PARAM = "capability"
VIEWS = {
    "countries": {"row_param": "country", "label": _("Countries")},
    "articles": {"row_param": "article", "label": _("Treaty articles")},
}
DEFAULT_VIEW = "countries"
# Facets that narrow the matrix, shown as a form (the tag facet works as a URL parameter only:
# its few hundred values belong to the listing).
FORM_FACETS = ("country", "article", "theme", "target")


@dataclass
class Matrix:
    view: str
    row_param: str
    columns: list
    rows: list
    column_totals: list
    total: int
    sort: str
    selected: dict
    total_url: str = ""
    narrowing: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def row_label(self):
        return FACETS_BY_PARAM[self.row_param].label


def _listing_query(selected, **extra):
    data = QueryDict(mutable=True)
    for param in [facet.param for facet in FACETS]:
        values = list(selected.get(param, []))
        if param in extra:
            values = [extra[param]]
        if values:
            data.setlist(param, values)
    return data.urlencode()


def parse_sort(value, column_keys):
    if value in ("name", "total"):
        return value
    if value and value.startswith("cap-") and value[4:] in column_keys:
        return value
    return "name"


def build_matrix(locale, params, listing_url, view=None):
    """The matrix for ``params`` (the listing's facet parameters, ``view``, ``sort``)."""
    view = view if view in VIEWS else DEFAULT_VIEW
    row_param = VIEWS[view]["row_param"]
    practice_ids, query = filtered_practice_ids(locale, params, drop=(row_param, COLUMN_PARAM))
    vocabulary = facet_vocabulary(locale)
    columns = [
        {"key": key, "label": label, "group": group}
        for key, label, group in vocabulary[COLUMN_PARAM]
    ]
    column_keys = [column["key"] for column in columns]
    pairs = cross_counts(practice_ids, row_param, COLUMN_PARAM)
    row_totals = FACETS_BY_PARAM[row_param].counts(practice_ids)
    column_counts = FACETS_BY_PARAM[COLUMN_PARAM].counts(practice_ids)
    selected = query.selected

    rows = []
    for position, (key, label, group) in enumerate(vocabulary[row_param]):
        cells = []
        for column in columns:
            count = pairs.get((key, column["key"]), 0)
            cells.append(
                {
                    "column": column,
                    "count": count,
                    "url": (
                        f"{listing_url}?"
                        + _listing_query(selected, **{row_param: key, COLUMN_PARAM: column["key"]})
                        if count and listing_url
                        else ""
                    ),
                }
            )
        total = row_totals.get(key, 0)
        rows.append(
            {
                "key": key,
                "label": label,
                "group": group,
                "position": position,
                "total": total,
                "total_url": (
                    f"{listing_url}?" + _listing_query(selected, **{row_param: key})
                    if total and listing_url
                    else ""
                ),
                "cells": cells,
                "gaps": sum(1 for cell in cells if not cell["count"]),
            }
        )

    sort = parse_sort(params.get("sort", ""), column_keys)
    if sort == "total":
        rows.sort(key=lambda row: (-row["total"], row["position"]))
    elif sort.startswith("cap-"):
        index = column_keys.index(sort[4:])
        rows.sort(key=lambda row: (-row["cells"][index]["count"], row["position"]))

    column_totals = [
        {
            "column": column,
            "count": column_counts.get(column["key"], 0),
            "url": (
                f"{listing_url}?" + _listing_query(selected, **{COLUMN_PARAM: column["key"]})
                if column_counts.get(column["key"]) and listing_url
                else ""
            ),
        }
        for column in columns
    ]
    narrowing = []
    for param in FORM_FACETS:
        if param in (row_param, COLUMN_PARAM):
            continue
        chosen = selected.get(param, [])
        narrowing.append(
            {
                "param": param,
                "label": FACETS_BY_PARAM[param].label,
                "options": [
                    {"value": key, "label": label, "selected": key in chosen}
                    for key, label, _group in vocabulary[param]
                ],
                "selected_count": len(chosen),
            }
        )
    return Matrix(
        view=view,
        row_param=row_param,
        columns=columns,
        rows=rows,
        column_totals=column_totals,
        total=practice_ids.count(),
        total_url=f"{listing_url}?" + _listing_query(selected) if listing_url else "",
        sort=sort,
        selected=selected,
        narrowing=narrowing,
        notices=query.notices,
    )


def query_string(selected, **extra):
    """The matrix's own query string for ``selected`` facets plus ``extra`` (view, sort)."""
    data = QueryDict(_listing_query(selected), mutable=True)
    for key, value in extra.items():
        if value:
            data[key] = value
    return data.urlencode()


def csv_rows(matrix):
    fields = ["key", "label", "total"] + [f"capability_{c['key']}" for c in matrix.columns]
    rows = []
    for row in matrix.rows:
        values = {"key": row["key"], "label": row["label"], "total": row["total"]}
        for cell in row["cells"]:
            values[f"capability_{cell['column']['key']}"] = cell["count"]
        rows.append(values)
    return rows, fields
