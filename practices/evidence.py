"""Tag evidence: which of a practice's capabilities and articles rest on a quote, and the checks.

A tag is ``(facet, key)``: ``("capability", "11")`` or ``("article", "lanzarote-13")``, the
same keys as the listing URLs (``?capability=11``). The functions here work on pages in memory
(an unsaved form instance, or ``revision.as_object()``) as well as on saved pages, because
``ParentalManyToManyField`` and child relations keep their unsaved values in memory.
"""

import re

from ocsea.core.loading import fixtures_dir

CAPABILITY = "capability"
ARTICLE = "article"
FACETS = (CAPABILITY, ARTICLE)
REPORT = "report"  # the source of a quote taken from the report itself
QUOTE_MAX_LENGTH = 300
REPORT_TEXT_PATH = "source/coe-ocsea-baseline-mapping-2021.txt"

LINE_END_HYPHEN = re.compile(r"-\s*\n\s*")


def tag(facet, key):
    return (str(facet), str(key).strip())


def carried_tags(capability_numbers, article_keys):
    """The tags of a practice with these capability numbers and article keys."""
    return {tag(CAPABILITY, number) for number in capability_numbers} | {
        tag(ARTICLE, key) for key in article_keys
    }


def page_tags(page):
    return carried_tags(
        [capability.number for capability in page.capabilities.all()],
        [article.key for article in page.treaty_articles.all()],
    )


def capabilities_without_evidence(page):
    """MNR numbers of ``page``'s capabilities that no evidence entry supports, ascending.

    For the publication rule: a capability with no evidence blocks publication. ``page`` may
    be unsaved or rebuilt from a revision (``revision.as_object()``).
    """
    return missing_capability_evidence(
        [capability.number for capability in page.capabilities.all()],
        [(entry.facet, entry.key) for entry in page.evidence.all()],
    )


def missing_capability_evidence(capability_numbers, evidence_tags):
    """The numbers among ``capability_numbers`` with no ``("capability", key)`` evidence."""
    supported = {tag(facet, key) for facet, key in evidence_tags}
    return sorted({int(n) for n in capability_numbers if tag(CAPABILITY, n) not in supported})


def evidence_problem(entry, carried, source_labels):
    """Why an evidence entry (a mapping) cannot stand on this practice, or ``None``."""
    facet, key = entry.get("facet"), entry.get("key")
    if facet not in FACETS:
        return f"unknown facet {facet!r} (use capability or article)"
    if tag(facet, key) not in carried:
        return f"evidence for {facet} {key}, a tag the practice does not carry"
    quote = " ".join(str(entry.get("quote") or "").split())
    if not quote:
        return f"{facet} {key}: the quote is empty"
    if len(quote) > QUOTE_MAX_LENGTH:
        return f"{facet} {key}: the quote is {len(quote)} characters (at most {QUOTE_MAX_LENGTH})"
    if not str(entry.get("section") or "").strip():
        return f"{facet} {key}: no section (where in the report or source)"
    source = entry.get("source") or REPORT
    if source != REPORT and source not in source_labels:
        return f"{facet} {key}: source {source!r} is neither 'report' nor one of its sources"
    return None


def record_tags(record):
    """The tags of a practice fixture record (``capabilities`` and ``articles``)."""
    return carried_tags(record.get("capabilities") or [], record.get("articles") or [])


def record_evidence_problems(record, report):
    """Every problem with a fixture record's evidence, checked against the normalised
    ``report`` text: the loader's checks, plus a quote that is not in the report and a tag
    with no evidence."""
    carried = record_tags(record)
    labels = {source.get("label") for source in record.get("sources") or []}
    problems = []
    covered = set()
    for entry in record.get("evidence") or []:
        problem = evidence_problem(entry, carried, labels)
        if problem:
            problems.append(problem)
            continue
        covered.add(tag(entry["facet"], entry["key"]))
        quote = normalise_report_text(str(entry["quote"]))
        if (entry.get("source") or REPORT) == REPORT and quote not in report:
            problems.append(f"{entry['facet']} {entry['key']}: quote not in the report: {quote!r}")
    problems.extend(f"{facet} {key} has no evidence" for facet, key in sorted(carried - covered))
    return problems


def normalise_report_text(text):
    """Whitespace collapsed, and a hyphen at a line end joined to the next line.

    The report's text was extracted from a PDF: ``child-\\nfriendly`` is ``child-friendly``.
    """
    return " ".join(LINE_END_HYPHEN.sub("-", text).split())


def report_text():
    """The report's text, normalised (the copy under ``fixtures/source/``)."""
    path = fixtures_dir() / REPORT_TEXT_PATH
    return normalise_report_text(path.read_text(encoding="utf-8"))


def evidence_by_tag(page):
    """``{(facet, key): [evidence entries]}`` of ``page``, in the editors' order."""
    grouped = {}
    for entry in page.evidence.all():
        grouped.setdefault(tag(entry.facet, entry.key), []).append(entry)
    return grouped


def attach_evidence(facet_links, page):
    """Give each capability and article item of ``facet_links`` its ``evidence`` entries."""
    grouped = evidence_by_tag(page)
    for group in facet_links:
        if group["param"] in FACETS:
            group["explained"] = True
            for item in group["items"]:
                item["evidence"] = grouped.get(tag(group["param"], item["value"]), [])
    return facet_links
