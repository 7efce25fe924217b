"""``/data/datapackage.json``: a Frictionless Data Package (v2) describing the site's CSV files.

Resource paths are relative to the descriptor, so a folder holding ``datapackage.json`` and the
three CSV files downloaded side by side is the same package. List columns are ``;``-joined, as
the CSVs write them (Table Schema ``list`` fields).
"""

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from countries.views import COUNTRY_EXPORT_FIELDS
from ocsea.core.absolute import absolute_url
from practices.views import EVIDENCE_EXPORT_FIELDS, PRACTICE_EXPORT_FIELDS

from .source import report_source

LICENSES = {
    "CC-BY-4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "CC0-1.0": {
        "name": "CC0-1.0",
        "title": "Creative Commons Zero v1.0 Universal",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    "ODC-BY-1.0": {
        "name": "ODC-BY-1.0",
        "title": "Open Data Commons Attribution License v1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
    },
}


def license_descriptor():
    name = settings.OCSEA_OPEN_DATA_LICENSE
    return LICENSES.get(name, {"name": name})


def string(name, description, **extra):
    return {"name": name, "type": "string", "description": description, **extra}


def listed(name, item_type, description):
    return {
        "name": name,
        "type": "list",
        "delimiter": ";",
        "itemType": item_type,
        "description": f"{description} Several values are separated by ';'.",
    }


SITE_PATH = "Path of the page on the site, from its root (for example /en/practices/barnahus/)."

PRACTICE_FIELDS = [
    string("title", "Title of the practice.", constraints={"required": True}),
    string("url", SITE_PATH),
    string("summary", "Two to four sentences summarising the practice, in the atlas's words."),
    listed(
        "countries",
        "string",
        "ISO 3166-1 alpha-2 codes of the member states where it applies; empty for an "
        "international or regional practice.",
    ),
    listed("lanzarote_articles", "integer", "Lanzarote Convention articles it relates to."),
    listed("budapest_articles", "integer", "Budapest Convention articles it relates to."),
    listed(
        "capabilities",
        "integer",
        "WePROTECT Model National Response (MNR) capability numbers (1 to 21).",
    ),
    listed("themes", "string", "Theme keys (as in the listing's theme filter)."),
    listed("tags", "string", "Tag slugs."),
    listed("target_groups", "string", "Target group keys."),
    listed("organisations", "string", "Names of the implementing organisations."),
    listed("sources", "string", "Web addresses of the practice's sources, as the report gives."),
    {
        "name": "last_published_at",
        "type": "datetime",
        "format": "any",
        "description": "When the practice page was last published in the atlas (ISO 8601).",
    },
]

COUNTRY_FIELDS = [
    string(
        "iso2",
        "ISO 3166-1 alpha-2 code of the Council of Europe member state.",
        constraints={"required": True, "unique": True, "pattern": "[A-Z]{2}"},
    ),
    string("name", "Name of the member state.", constraints={"required": True}),
    string("url", f"{SITE_PATH} Empty where the atlas has no country page."),
    string("enoc_membership", "Membership of the European Network of Ombudspersons for Children."),
    {
        "name": "icmec_csam_score",
        "type": "number",
        "description": "ICMEC child sexual abuse material legislation score, out of 5.",
    },
    {
        "name": "icmec_grooming_score",
        "type": "number",
        "description": "ICMEC online grooming legislation score, out of 5.",
    },
    {
        "name": "ncmec_reports_2019",
        "type": "integer",
        "description": "NCMEC CyberTipline reports concerning the country in 2019.",
    },
    {
        "name": "ncmec_reports_2020",
        "type": "integer",
        "description": "NCMEC CyberTipline reports concerning the country in 2020.",
    },
    {
        "name": "crin_access_to_justice_score",
        "type": "number",
        "description": "CRIN access to justice for children score.",
    },
    string(
        "minimum_age_criminal_responsibility",
        "Minimum age of criminal responsibility: a number, or the report's own words.",
    ),
    string("age_of_consent", "Age of sexual consent: a number, or the report's own words."),
    {
        "name": "practice_count",
        "type": "integer",
        "description": "Number of live practices in the atlas tagged with the country.",
        "constraints": {"required": True, "minimum": 0},
    },
]

EVIDENCE_FIELDS = [
    string(
        "practice_slug",
        "Slug of the practice (the last part of its URL).",
        constraints={"required": True},
    ),
    string("practice_title", "Title of the practice."),
    string("practice_url", SITE_PATH),
    string(
        "facet",
        "What the evidence supports: an MNR capability or a treaty article.",
        constraints={"required": True, "enum": ["capability", "article"]},
    ),
    string(
        "key",
        "The capability number or the article key (for example lanzarote-23).",
        constraints={"required": True},
    ),
    string("tag_label", "Name of the capability or article."),
    string("quote", "Short quote supporting the tag, copied exactly from its source."),
    string("source", "Where the quote comes from: 'report', or the label of a practice source."),
    string("section", "Section of the report or of the source that the quote is in."),
]

RESOURCES = [
    (
        "practices",
        "practices.csv",
        "Practices",
        "Every live practice of the atlas (English), one row each.",
        PRACTICE_FIELDS,
        PRACTICE_EXPORT_FIELDS,
        None,
    ),
    (
        "countries",
        "countries.csv",
        "Member states and indicators",
        "The Council of Europe member states with the report's indicators and the number of "
        "live practices in the atlas.",
        COUNTRY_FIELDS,
        COUNTRY_EXPORT_FIELDS,
        ["iso2"],
    ),
    (
        "practice-evidence",
        "practice-evidence.csv",
        "Evidence for each tag",
        "One row per quote supporting a practice's MNR capability or treaty article tag.",
        EVIDENCE_FIELDS,
        EVIDENCE_EXPORT_FIELDS,
        None,
    ),
]


def data_package(request):
    source = report_source()
    resources = []
    for name, path, title, description, fields, _columns, primary_key in RESOURCES:
        schema = {"fields": fields}
        if primary_key:
            schema["primaryKey"] = primary_key
        resources.append(
            {
                "name": name,
                "type": "table",
                "path": path,
                "title": title,
                "description": description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "schema": schema,
            }
        )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "ocsea-practice-atlas",
        "title": "OCSEA Practice Atlas: practices, member states and evidence",
        "description": (
            "Promising practices against online child sexual exploitation and abuse in Council "
            "of Europe member states, with the report's country indicators and the evidence for "
            "each tag, drawn from the Council of Europe baseline mapping (2021 update). Policy "
            "and practice only: the data never contain or link to abusive material."
        ),
        "homepage": absolute_url("/", request),
        "licenses": [license_descriptor()],
        "sources": [
            {
                "title": source["citation"],
                "publisher": source["publisher"],
                "year": source["year"],
                "edition": source["edition"],
            }
        ],
        "keywords": ["OCSEA", "child protection", "Lanzarote Convention", "Council of Europe"],
        "resources": resources,
    }


@cache_control(public=True, max_age=300)
def datapackage_json(request):
    return JsonResponse(
        data_package(request), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
