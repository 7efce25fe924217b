import datetime
import re

from django.core.management.base import CommandError

from countries.models import Country
from ocsea.core.loading import fixtures_dir, read_yaml, save_page, stream_blocks
from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

from .evidence import REPORT, evidence_problem, record_tags
from .models import PracticeOrganisation, PracticePage, PracticeSource, PracticeTagEvidence
from .publication import PublicationRefused

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED = ["slug", "title", "summary", "sources", "report"]
STATUSES = {choice for choice, _label in PracticePage.Status.choices}


def resolve(model, key_field, keys, where, locale):
    """The default-locale terms for ``keys``; an unknown key is an error, not a silent drop."""
    keys = list(keys or [])
    if any(not isinstance(key, str | int) or isinstance(key, bool) for key in keys):
        raise CommandError(f"{where}: {model.__name__} keys must be strings or numbers: {keys}")
    terms = {
        getattr(term, key_field): term
        for term in model.objects.filter(locale=locale, **{f"{key_field}__in": keys})
    }
    missing = [key for key in keys if key not in terms]
    if missing:
        raise CommandError(f"{where}: unknown {model.__name__} {missing}")
    return [terms[key] for key in keys]


def practice_files():
    return sorted((fixtures_dir() / "practices").glob("*.yaml"))


def apply_record(page, record, where, locale):
    period = record.get("period") or {}
    status = period.get("status") or PracticePage.Status.UNKNOWN
    if status not in STATUSES:
        raise CommandError(f"{where}: unknown period status {status!r}")
    report_ref = record.get("report") or {}
    checked = record.get("checked_against_report")
    if checked is not None and not isinstance(checked, datetime.date):
        raise CommandError(f"{where}: checked_against_report must be a date (YYYY-MM-DD)")

    page.title = record["title"]
    page.slug = record["slug"]
    page.summary = " ".join(str(record["summary"]).split())
    page.body = stream_blocks(record.get("body"), where)
    page.period_started = str(period.get("started") or "")
    page.period_ended = str(period.get("ended") or "")
    page.period_status = status
    page.report_section = report_ref.get("section") or ""
    page.report_case_study = report_ref.get("case_study") or ""
    # ``last_reviewed`` is the editors' own review, recorded in the admin. The loader only
    # writes records editors have not touched, so a value here came from an earlier loader
    # that stored the fixture's date in it: clear it.
    page.last_reviewed = None
    page.checked_against_report = checked

    page.countries.set(resolve(Country, "iso2", record.get("countries"), where, locale))
    page.treaty_articles.set(resolve(TreatyArticle, "key", record.get("articles"), where, locale))
    page.capabilities.set(resolve(Capability, "number", record.get("capabilities"), where, locale))
    page.themes.set(resolve(Theme, "key", record.get("themes"), where, locale))
    page.target_groups.set(resolve(TargetGroup, "key", record.get("target_groups"), where, locale))
    page.tags.set([str(tag) for tag in record.get("tags") or []])
    page.organisations = [
        PracticeOrganisation(name=str(name), sort_order=position)
        for position, name in enumerate(record.get("organisations") or [])
    ]
    page.sources = [
        PracticeSource(
            sort_order=position,
            url=source.get("url") or "",
            label=source["label"],
            footnote=source.get("footnote"),
            verified=source.get("verified") or "",
        )
        for position, source in enumerate(record["sources"])
    ]
    page.evidence = tag_evidence(record, where)


def tag_evidence(record, where):
    """The record's ``evidence`` entries; one that cannot stand on this practice is an error."""
    carried = record_tags(record)
    labels = {source.get("label") for source in record["sources"]}
    entries = []
    for position, entry in enumerate(record.get("evidence") or [], start=1):
        if not isinstance(entry, dict):
            raise CommandError(f"{where}: evidence entry {position} is not a mapping")
        problem = evidence_problem(entry, carried, labels)
        if problem:
            raise CommandError(f"{where}: evidence entry {position}: {problem}")
        entries.append(
            PracticeTagEvidence(
                sort_order=position - 1,
                facet=entry["facet"],
                key=str(entry["key"]).strip(),
                quote=" ".join(str(entry["quote"]).split()),
                source=entry.get("source") or REPORT,
                section=" ".join(str(entry["section"]).split()),
            )
        )
    return entries


def save_practice(page, practice_index, report):
    """Save and publish ``page``; one that breaks the publication rules stays a draft."""
    try:
        save_page(page, practice_index)
    except PublicationRefused as refused:
        report.note(f"practices: {page.slug} loaded as a draft, not published: {refused.reason}")
    return page


def load_practices(practice_index, report):
    locale = practice_index.locale
    slugs = set()
    for path in practice_files():
        where = f"fixtures/practices/{path.name}"
        record = read_yaml(f"practices/{path.name}")
        missing = [name for name in REQUIRED if not record.get(name)]
        if missing:
            raise CommandError(f"{where}: missing {missing}")
        slug = record["slug"]
        if not SLUG.match(slug) or path.stem != slug or slug in slugs:
            raise CommandError(f"{where}: slug {slug!r} must be unique and match the file name")
        slugs.add(slug)

        def write(page, record=record, where=where):
            page = PracticePage(locale=locale) if page is None else page
            apply_record(page, record, where, locale)
            return save_practice(page, practice_index, report)

        ledger_key = f"practices.practicepage:{slug}"
        page = report.find(
            ledger_key,
            PracticePage,
            lambda slug=slug: (
                PracticePage.objects.child_of(practice_index).filter(slug=slug).first()
            ),
        )
        report.load("practices", ledger_key, record, page, write)
    return slugs
