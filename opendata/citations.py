"""Cite this practice: a formatted citation, BibTeX, RIS and CSL-JSON, and schema.org JSON-LD.

Each practice is cited as a page of the atlas (title, site, URL, the date it was last checked,
the date it was accessed), with the Council of Europe report as its original source. The
downloads live beside the page: ``<practice URL>cite.bib``, ``cite.ris`` and ``cite.json``.
"""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from ocsea.core.absolute import absolute_url, base_url
from practices.models import PracticePage

from .datapackage import license_descriptor
from .source import report_source

SITE_NAME = "OCSEA Practice Atlas"
CITATION_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "json": ("application/vnd.citationstyles.csl+json", "json"),
}


def report_citation(language):
    source = report_source()
    return source.get(f"citation_{language}") or source["citation"]


def checked_on(page):
    """When the page's content was last checked: reviewed by an editor, else against the report."""
    return page.last_reviewed or page.checked_against_report


def citation_data(page, request):
    """Everything a citation of ``page`` needs, in one place."""
    language = page.locale.language_code
    published = page.last_published_at or page.latest_revision_created_at
    return {
        "key": f"ocsea-atlas-{language}-{page.slug}",
        "title": page.title,
        "site": SITE_NAME,
        "url": absolute_url(page.get_url(request), request),
        "language": language,
        "issued": timezone.localtime(published).date() if published else None,
        "checked": checked_on(page),
        "accessed": timezone.localdate(),
        "summary": page.summary,
        "report": report_citation(language),
    }


# BibTeX: braces protect case; these characters are escaped as LaTeX expects.
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text):
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in str(text))


def bibtex(data):
    note = f"Original source: {data['report']}"
    if data["checked"]:
        note = f"Last checked {data['checked'].isoformat()}. {note}"
    fields = [
        ("title", "{" + bibtex_escape(data["title"]) + "}"),
        ("howpublished", bibtex_escape(data["site"])),
        ("organization", bibtex_escape(data["site"])),
        ("year", str(data["issued"].year) if data["issued"] else None),
        ("url", data["url"]),  # the url field is verbatim in biblatex and the url package
        ("urldate", data["accessed"].isoformat()),
        ("language", data["language"]),
        ("note", bibtex_escape(note)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{data['key']},\n{body}\n}}\n"


def ris(data):
    lines = [
        ("TY", "ELEC"),
        ("TI", data["title"]),
        ("T2", data["site"]),
        ("PB", data["site"]),
        ("PY", str(data["issued"].year) if data["issued"] else None),
        ("DA", data["issued"].strftime("%Y/%m/%d") if data["issued"] else None),
        ("UR", data["url"]),
        ("Y2", data["accessed"].strftime("%Y/%m/%d")),
        ("LA", data["language"]),
        ("AB", data["summary"]),
        ("N1", f"Last checked {data['checked'].isoformat()}" if data["checked"] else None),
        ("N1", f"Original source: {data['report']}"),
    ]
    text = "".join(f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(data):
    item = {
        "id": data["key"],
        "type": "webpage",
        "title": data["title"],
        "container-title": data["site"],
        "publisher": data["site"],
        "URL": data["url"],
        "language": data["language"],
        "accessed": date_parts(data["accessed"]),
        "abstract": data["summary"],
        "note": f"Original source: {data['report']}",
    }
    if data["issued"]:
        item["issued"] = date_parts(data["issued"])
    if data["checked"]:
        item["note"] = f"Last checked {data['checked'].isoformat()}. {item['note']}"
    return [item]


def json_ld(page, request):
    """schema.org description of a practice page (a JSON-LD data block, never executed)."""
    source = report_source()
    site = Site.find_for_request(request)  # Wagtail falls back to the default site itself
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": absolute_url(page.get_url(request), request),
        "url": absolute_url(page.get_url(request), request),
        "name": page.title,
        "headline": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": base_url(request) + "/"}
        if site
        else {"@type": "WebSite", "name": SITE_NAME},
        "isBasedOn": {
            "@type": "Report",
            "name": source["title"],
            "publisher": {"@type": "Organization", "name": source["publisher"]},
            "datePublished": str(source["year"]),
        },
        "license": license_descriptor().get("path", license_descriptor()["name"]),
        "keywords": [tag.name for tag in page.tags.all()],
        "spatialCoverage": [
            {"@type": "Country", "name": country.name, "identifier": country.iso2}
            for country in page.countries.all()
        ],
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if checked_on(page):
        data["lastReviewed"] = checked_on(page).isoformat()
    return data


def json_ld_script_content(data):
    """JSON for a ``<script type="application/ld+json">`` block: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - every HTML-significant character is escaped


def practice_at(request, path):
    """The live practice served at ``/<lang>/<path>``, as Wagtail's router finds it."""
    page = Page.find_for_request(request, path)
    if not isinstance(page, PracticePage) or not page.live:
        raise Http404
    return page


def citation_download(request, path, fmt):
    if fmt not in CITATION_FORMATS:
        raise Http404
    page = practice_at(request, path)
    data = citation_data(page, request)
    if fmt == "json":
        response = JsonResponse(
            csl_json(data), safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Type"] = CITATION_FORMATS["json"][0]
    else:
        body = bibtex(data) if fmt == "bib" else ris(data)
        response = HttpResponse(body, content_type=CITATION_FORMATS[fmt][0])
    response["Content-Disposition"] = f'attachment; filename="{data["key"]}.{fmt}"'
    response["Cache-Control"] = "public, max-age=300"
    return response
