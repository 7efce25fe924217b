"""Fill a separate database with synthetic practices for benchmarks (never loaded by make run).

The pages are written in bulk, without ``Page.add_child`` or revisions: the ``wagtailcore_page``
rows with ``Page.objects.bulk_create`` (treebeard paths computed after the practice index's
last child), the ``practices_practicepage`` rows with the same keys, then the link rows (the
many-to-many through tables, tags, sources, organisations, tag evidence), one transaction per
batch. The search index is updated once at the end, for the new pages only; the reference index
is left alone, as the loader's bulk paths do.

The corpus imitates the real one (``fixtures/practices``): the number of countries,
capabilities, articles, themes, target groups, tags, organisations and sources per practice
follows the real spread, each term is drawn as often as the real practices use it, tags come
from a vocabulary of the real tags and the report's two-word phrases with a Zipf-like spread,
and the text is made of the report's own words (``fixtures/source``): frequent words in every
practice, rarer ones only in the practices whose "topic" draws them, so that a search for
"child" matches most practices and one for "helpline" about a tenth (a few percent by the
text, the rest by tags and organisations, as in the real corpus, where it is 14%).
"""

import bisect
import datetime
import itertools
import random
import re
import time
import uuid
from collections import Counter
from functools import cache

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.text import slugify
from modelsearch.backends import get_search_backends
from taggit.models import Tag
from wagtail.models import Locale, Page

from countries.models import Country
from ocsea.core.loading import fixtures_dir, read_yaml
from practices.caching import LISTINGS
from practices.evidence import REPORT, REPORT_TEXT_PATH
from practices.models import (
    PracticeIndexPage,
    PracticeOrganisation,
    PracticePage,
    PracticeSource,
    PracticeTag,
    PracticeTagEvidence,
)
from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle

TITLE_PREFIX = "Synthetic practice"
SLUG_PREFIX = "synthetic-practice-"
BATCH = 1000  # pages per transaction
INDEX_CHUNK = 1000  # pages per search-index write
# Publication dates spread from the report's publication to the fixtures' last check, so that
# "newest first" orders the corpus (fixed dates keep a --seed run reproducible).
FIRST_PUBLISHED = datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
LAST_PUBLISHED = datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)
REVIEWED_SHARE = 0.55  # the others have last_reviewed NULL
# Text: FUNCTION_SHARE of the words are function words (as often as in the report); the others
# are the report's content words ranked by frequency. HEAD_SHARE of them come from its
# HEAD_WORDS most frequent ones, which every practice uses (weight 1 / (rank + 3)), the rest
# from the practice's own topic, a few words of the long tail drawn by Zipf's law
# (weight 1 / rank), which it repeats as real texts do. So "child" (rank 4) is in nearly every
# practice, "protection" (rank 35) in about a third, and "helpline" (rank 87) in the few
# percent whose topic drew it (more practices carry it as a tag or an organisation's name).
FUNCTION_SHARE = 0.4
HEAD_SHARE = 0.3
HEAD_WORDS = 40
TOPIC_WORDS = (6, 12)
# Tags by rank, Zipf-Mandelbrot: the commonest on about 15% of the practices (real: "hotline",
# 10%), a long tail on a few each.
TAG_ZIPF_EXPONENT, TAG_ZIPF_SHIFT = 1.1, 5
# Not drawn as content words: function words, URL debris, the report's own abbreviations.
FUNCTION_WORDS = set(
    """a about after against all also although among an and any are as at be because been
    before being between both but by can could did do does during each either for from had has
    have having he her his how however if in into is it its may might more most must no nor
    not of on once one only or other our out over own per same she should since so some such
    than that the their them then there these they this those through thus to too two under
    until up upon very was we well were what when where whether which while who whom whose why
    will with within without would yet you your""".split()
)
JUNK_WORDS = {"https", "http", "www", "org", "com", "html", "pdf", "eu", "int", "en", "coe"}
# Counts the spec of issue 13 bounds (the real spread, clamped to these ranges).
RANGES = {
    "capabilities": (1, 3),
    "articles": (0, 4),
    "themes": (1, 2),
    "target_groups": (0, 2),
}
SHARE_QUERIES = ("helpline", "child protection")


class Command(BaseCommand):
    help = (
        "Create N synthetic practices (titles start 'Synthetic practice') for benchmarking, "
        "in bulk (10,000: about 1.5 min on SQLite, 3 min on PostgreSQL, most of it Wagtail's "
        "search indexing). Text is drawn from the report's vocabulary; measured at 10,000 "
        "practices, Wagtail search matches 'child' in 86% of them, 'child protection' in 30% "
        "and 'helpline' in 10% (its text alone: 3.5%; the rest by tags such as 'helpline' and "
        "organisations such as Child Helpline International). Each run prints these shares."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--allow-default-database",
            action="store_true",
            help="Refuse by default: synthetic content must not pollute the real database.",
        )

    def handle(self, *args, count, seed, allow_default_database, **options):
        name = str(connection.settings_dict["NAME"])
        if name.endswith("db.sqlite3") and not allow_default_database:
            raise CommandError("Point DATABASE_URL at a separate database for synthetic content.")
        if count < 1:
            raise CommandError("--count must be at least 1.")
        locale = Locale.get_default()
        index = PracticeIndexPage.objects.filter(locale=locale).first()
        if index is None:
            raise CommandError("Run load_content first: there is no practice index.")
        started = time.perf_counter()
        seeder = Seeder(index, seed, self.stdout)
        new_ids = seeder.create(count)
        created = time.perf_counter()
        update_search_index(new_ids)
        # Bulk inserts send no signals: move the listing cache generation on once, as saving
        # the pages one by one would have.
        LISTINGS.bump()
        finished = time.perf_counter()
        self.stdout.write(
            f"Rows written in {created - started:.1f} s, search index updated in "
            f"{finished - created:.1f} s."
        )
        for query, (matched, total) in text_shares(locale).items():
            share = 100 * matched / total if total else 0
            self.stdout.write(f"Search {query!r} matches {matched} of {total} ({share:.1f}%).")
        self.stdout.write(self.style.SUCCESS(f"{count} synthetic practices added."))


def update_search_index(ids):
    """Index the new pages, a chunk at a time, in every search backend: nothing else."""
    for backend in get_search_backends():
        for start in range(0, len(ids), INDEX_CHUNK):
            chunk = ids[start : start + INDEX_CHUNK]
            pages = list(PracticePage.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
            for page in pages:
                # The indexer asks for each field five times (title, body, autocomplete, their
                # plain texts): the squashed names are computed once per page here.
                aliases = page.search_aliases()
                page.search_aliases = lambda aliases=aliases: aliases
            backend.add_bulk(PracticePage, pages)


def text_shares(locale):
    """How many live practices of ``locale`` a search for each of SHARE_QUERIES matches."""
    live = PracticePage.objects.live().filter(locale=locale)
    total = live.count()
    return {query: (live.search(query, operator="and").count(), total) for query in SHARE_QUERIES}


class Seeder:
    def __init__(self, index, seed, stdout):
        self.index = index
        self.seed = seed
        self.stdout = stdout
        self.corpus = corpus()
        locale = index.locale
        self.terms = {
            facet: weighted_terms(model, locale, self.corpus.term_counts[facet])
            for facet, model in (
                ("countries", Country),
                ("capabilities", Capability),
                ("articles", TreatyArticle),
                ("themes", Theme),
                ("target_groups", TargetGroup),
            )
        }
        self.tag_ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        self.tag_slugs = set(Tag.objects.values_list("slug", flat=True))

    def create(self, count):
        index = self.index
        last = index.get_last_child()
        step = PracticePage._str2int(last.path[-PracticePage.steplen :]) + 1 if last else 1
        if PracticePage._int2str(step + count - 1).__len__() > PracticePage.steplen:
            raise CommandError("The practice index cannot take that many more children.")
        number = next_number()
        new_ids = []
        for start in range(0, count, BATCH):
            size = min(BATCH, count - start)
            with transaction.atomic():
                new_ids += self.create_batch(step + start, number + start, size)
            self.stdout.write(f"{start + size} of {count} synthetic practices written")
        with transaction.atomic():
            # Once, at the end: the index's real number of children (not get_children(), which
            # answers none for an index that had no children when it was read).
            children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
            Page.objects.filter(pk=index.pk).update(numchild=children.count())
        return new_ids

    def create_batch(self, step, number, size):
        pages, links = [], []
        for offset in range(size):
            page, link = self.practice(step + offset, number + offset)
            pages.append(page)
            links.append(link)
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
        )
        for page, base in zip(pages, bases, strict=True):
            page.pk = page.page_ptr_id = page.id = base.pk
        insert_rows(PracticePage, pages, PracticePage._meta.local_concrete_fields)
        self.write_links(pages, links)
        return [page.pk for page in pages]

    def practice(self, step, number):
        """An unsaved practice (every page field set) and what links to it."""
        rng = random.Random(f"{self.seed}:{number}")  # the same practice, however it was topped up
        corpus = self.corpus
        text = TextMaker(rng, corpus)
        slug = f"{SLUG_PREFIX}{number:05d}"
        title = f"{TITLE_PREFIX} {number:05d}: {text.title()}"[:255]
        first = FIRST_PUBLISHED + (LAST_PUBLISHED - FIRST_PUBLISHED) * rng.random()
        last = first if rng.random() < 0.4 else first + (LAST_PUBLISHED - first) * rng.random()
        reviewed = None
        if rng.random() < REVIEWED_SHARE:
            reviewed = (last + (LAST_PUBLISHED - last) * rng.random()).date()
        status = rng.choices(*corpus.statuses)[0]
        started = str(rng.randint(2008, 2021)) if rng.random() < 0.5 else ""
        ended = str(rng.randint(int(started), 2021)) if started and status == "ended" else ""
        page = PracticePage(
            title=title,
            draft_title=title,
            slug=slug,
            path=PracticePage._get_path(self.index.path, self.index.depth + 1, step),
            depth=self.index.depth + 1,
            numchild=0,
            url_path=f"{self.index.url_path}{slug}/",
            locale_id=self.index.locale_id,
            translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            live=True,
            has_unpublished_changes=False,
            first_published_at=first,
            last_published_at=last,
            search_description="",
            summary=" ".join(text.sentence() for _ in range(rng.randint(2, 4))),
            body=text.body(),
            period_started=started,
            period_ended=ended,
            period_status=status,
            report_section=rng.choice(corpus.sections),
            report_case_study=text.title()[:255] if rng.random() < corpus.case_study_share else "",
            last_reviewed=reviewed,
            checked_against_report=None,  # never checked: not from the content files
        )
        link = {facet: self.draw_terms(rng, facet) for facet in self.terms}
        link["tags"] = draw_distinct(
            rng, corpus.tags, corpus.tag_weights, rng.choice(corpus.counts["tags"])
        )
        link["organisations"] = draw_distinct(
            rng,
            corpus.organisations,
            corpus.organisation_weights,
            rng.choice(corpus.counts["organisations"]),
        )
        link["sources"] = [
            {
                "url": f"https://example.org/synthetic/{number}/{position}",
                "label": f"{text.title()} ({kind})"[:500],
                "footnote": rng.randint(1, 400) if rng.random() < 0.7 else None,
                "verified": rng.choice(("", "April 2021", "May 2021", "March 2021")),
            }
            for position, kind in enumerate(
                rng.choices(
                    ("website", "report", "press release", "video"),
                    k=rng.choice(corpus.counts["sources"]),
                )
            )
        ]
        link["evidence"] = [
            (facet, term_key, rng.choice(corpus.quotes), rng.choice(corpus.sections))
            for facet, terms in (
                ("capability", link["capabilities"]),
                ("article", link["articles"]),
            )
            for term_key in (str(term[1]) for term in terms)
        ]
        return page, link

    def draw_terms(self, rng, facet):
        """(pk, key) of the terms of one facet, as many as a real practice has."""
        terms, weights = self.terms[facet]
        wanted = rng.choice(self.corpus.counts[facet])
        if facet in RANGES:
            low, high = RANGES[facet]
            wanted = max(low, min(high, wanted))
        return weighted_sample(rng, terms, weights, min(wanted, len(terms)))

    def write_links(self, pages, links):
        for facet, field_name in (
            ("countries", "countries"),
            ("capabilities", "capabilities"),
            ("articles", "treaty_articles"),
            ("themes", "themes"),
            ("target_groups", "target_groups"),
        ):
            field = PracticePage._meta.get_field(field_name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            through.objects.bulk_create(
                through(**{source: page.pk, target: term_pk})
                for page, link in zip(pages, links, strict=True)
                for term_pk, _key in link[facet]
            )
        self.create_missing_tags({name for link in links for name in link["tags"]})
        PracticeTag.objects.bulk_create(
            PracticeTag(content_object_id=page.pk, tag_id=self.tag_ids[name.lower()])
            for page, link in zip(pages, links, strict=True)
            for name in link["tags"]
        )
        PracticeOrganisation.objects.bulk_create(
            PracticeOrganisation(page_id=page.pk, name=name, sort_order=position)
            for page, link in zip(pages, links, strict=True)
            for position, name in enumerate(link["organisations"])
        )
        PracticeSource.objects.bulk_create(
            PracticeSource(page_id=page.pk, sort_order=position, **source)
            for page, link in zip(pages, links, strict=True)
            for position, source in enumerate(link["sources"])
        )
        PracticeTagEvidence.objects.bulk_create(
            PracticeTagEvidence(
                page_id=page.pk,
                sort_order=position,
                facet=facet,
                key=key,
                quote=quote,
                source=REPORT,
                section=section,
            )
            for page, link in zip(pages, links, strict=True)
            for position, (facet, key, quote, section) in enumerate(link["evidence"])
        )

    def create_missing_tags(self, names):
        missing = sorted(name for name in names if name.lower() not in self.tag_ids)
        new = []
        for name in missing:
            base = slugify(name, allow_unicode=True)[:90] or "tag"
            slug, suffix = base, 1
            while slug in self.tag_slugs:
                slug, suffix = f"{base}_{suffix}", suffix + 1
            self.tag_slugs.add(slug)
            new.append(Tag(name=name, slug=slug))
        for tag in Tag.objects.bulk_create(new):
            self.tag_ids[tag.name.lower()] = tag.pk


def insert_rows(model, objs, fields):
    """INSERT ``objs`` as they are (primary keys included), in batches the database accepts."""
    batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), batch):
        model._base_manager._insert(objs[start : start + batch], fields=fields, raw=True)


def next_number():
    """One past the highest number of an existing synthetic practice (0 for the first)."""
    numbers = [
        int(slug[len(SLUG_PREFIX) :])
        for slug in Page.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
        if slug[len(SLUG_PREFIX) :].isdigit()
    ]
    return max(numbers) + 1 if numbers else 0


def weighted_terms(model, locale, counts):
    """The default-locale terms of ``model`` as (pk, key), weighted by their real use."""
    terms = [
        (pk, key)
        for pk, key in model.objects.filter(locale=locale)
        .order_by("pk")
        .values_list("pk", model.key_field)
    ]
    # Terms the real practices never use still come up now and then.
    weights = [counts.get(str(key), 0) + 0.5 for _pk, key in terms]
    return terms, weights


def weighted_sample(rng, items, weights, k):
    """``k`` distinct items, each drawn with probability in proportion to its weight
    (Efraimidis and Spirakis): fine for the small vocabularies of the facets."""
    if k <= 0:
        return []
    keyed = sorted(
        ((rng.random() ** (1 / weight), position) for position, weight in enumerate(weights)),
        reverse=True,
    )
    return [items[position] for _key, position in keyed[:k]]


def draw_distinct(rng, items, cumulative, k):
    """``k`` distinct items of a large vocabulary drawn by cumulative weight."""
    chosen = {}
    k = min(k, len(items))
    while len(chosen) < k:
        item = items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
        chosen[item] = None
    return list(chosen)


class TextMaker:
    """Text for one practice: the report's words by Zipf's law, and its own topic words."""

    def __init__(self, rng, corpus):
        self.rng = rng
        self.corpus = corpus
        topic_size = rng.randint(*TOPIC_WORDS)
        self.topic = draw_distinct(rng, corpus.tail, corpus.tail_weights, topic_size)
        content = 1 - FUNCTION_SHARE
        self.kind_weights = (FUNCTION_SHARE, FUNCTION_SHARE + content * HEAD_SHARE, 1)

    def content_word(self):
        rng, corpus = self.rng, self.corpus
        if rng.random() < HEAD_SHARE:
            cumulative = corpus.head_weights
            return corpus.head[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
        return rng.choice(self.topic)

    def words(self, low, high):
        """``low`` to ``high`` words: function, head or topic words, each kind drawn at once."""
        rng, corpus = self.rng, self.corpus
        count = rng.randint(low, high)
        kinds = rng.choices((0, 1, 2), cum_weights=self.kind_weights, k=count)
        function = iter(
            rng.choices(corpus.function, cum_weights=corpus.function_weights, k=kinds.count(0))
        )
        head = iter(rng.choices(corpus.head, cum_weights=corpus.head_weights, k=kinds.count(1)))
        topic = iter(rng.choices(self.topic, k=kinds.count(2)))
        sources = (function, head, topic)
        return " ".join(next(sources[kind]) for kind in kinds)

    def sentence(self, low=10, high=24):
        return self.words(low, high).capitalize() + "."

    def title(self):
        return " ".join(self.content_word() for _ in range(self.rng.randint(3, 6))).capitalize()

    def body(self):
        rng = self.rng
        blocks = [
            self.block(
                "paragraph",
                "<p>" + " ".join(self.sentence() for _ in range(rng.randint(2, 6))) + "</p>",
            )
            for _ in range(rng.randint(1, 2))
        ]
        if rng.random() < 0.5:
            blocks.append(
                self.block(
                    "quote",
                    {"text": self.sentence(), "source": f"Report, section {rng.randint(1, 9)}"},
                )
            )
        if rng.random() < 0.4:
            items = [
                self.block("item", self.words(3, 9).capitalize()) for _ in range(rng.randint(2, 5))
            ]
            blocks.append(self.block("list", {"heading": self.title(), "items": items}))
        if rng.random() < 0.3:
            figure = (
                f"{rng.randint(2, 95)}%" if rng.random() < 0.5 else f"{rng.randint(10, 9999):,}"
            )
            blocks.append(
                self.block(
                    "key_figure",
                    {
                        "figure": figure,
                        "label": self.words(3, 7),
                        "source": f"Report, footnote {rng.randint(1, 400)}",
                    },
                )
            )
        return blocks

    def block(self, kind, value):
        return {
            "type": kind,
            "value": value,
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
        }


class Corpus:
    """What the synthetic practices are drawn from: the real fixtures and the report's text."""

    def __init__(self):
        records = [
            read_yaml(f"practices/{path.name}")
            for path in sorted((fixtures_dir() / "practices").glob("*.yaml"))
        ]
        self.counts = {
            "countries": [len(r.get("countries") or []) for r in records],
            "capabilities": [len(r.get("capabilities") or []) for r in records],
            "articles": [len(r.get("articles") or []) for r in records],
            "themes": [len(r.get("themes") or []) for r in records],
            "target_groups": [len(r.get("target_groups") or []) for r in records],
            "tags": [len(r.get("tags") or []) for r in records],
            "organisations": [len(r.get("organisations") or []) for r in records],
            "sources": [len(r.get("sources") or []) for r in records],
        }
        self.term_counts = {
            facet: Counter(str(key) for r in records for key in r.get(facet) or [])
            for facet in ("countries", "capabilities", "articles", "themes", "target_groups")
        }
        statuses = Counter(((r.get("period") or {}).get("status") or "unknown") for r in records)
        self.statuses = (list(statuses), list(statuses.values()))
        self.case_study_share = sum(
            bool((r.get("report") or {}).get("case_study")) for r in records
        ) / len(records)
        self.sections = sorted(
            {
                str((r.get("report") or {}).get("section"))
                for r in records
                if (r.get("report") or {}).get("section")
            }
        ) or ["Report"]

        text = (fixtures_dir() / REPORT_TEXT_PATH).read_text(encoding="utf-8")
        text = re.sub(r"https?://\S+|www\.\S+", " ", text)
        self.quotes = [
            sentence
            for sentence in (" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text))
            if 60 <= len(sentence) <= 300
        ] or ["The report describes this practice."]
        words = [w.strip("-") for w in re.findall(r"[a-z][a-z-]*[a-z]", text.lower())]
        # Not the slugs of the report's links ("offender-registration-and-notification-systems").
        counts = Counter(
            w for w in words if 2 <= len(w) <= 24 and w.count("-") <= 2 and w not in JUNK_WORDS
        )
        function = [(w, n) for w, n in counts.most_common() if w in FUNCTION_WORDS]
        content = [
            (w, n) for w, n in counts.most_common() if w not in FUNCTION_WORDS and len(w) >= 3
        ]
        self.function, self.function_weights = cumulative(function)
        ranked = [word for word, _n in content]
        self.head, self.head_weights = cumulative(
            (word, 1 / (rank + 3)) for rank, word in enumerate(ranked[:HEAD_WORDS], 1)
        )
        self.tail, self.tail_weights = cumulative(
            (word, 1 / rank) for rank, word in enumerate(ranked[HEAD_WORDS:], HEAD_WORDS + 1)
        )

        # Tags: the real ones by use, interleaved with the report's frequent two-word phrases
        # (so that a real tag such as "helpline" is not among the handful every third practice
        # carries), drawn by rank with a Zipf law.
        real = Counter(str(tag).strip() for r in records for tag in r.get("tags") or [])
        known = {tag.lower() for tag in real}
        pairs = Counter(
            f"{a} {b}"
            for a, b in zip(words, words[1:], strict=False)
            if a in counts
            and b in counts
            and a not in FUNCTION_WORDS
            and b not in FUNCTION_WORDS
            and len(a) >= 3
            and len(b) >= 3
            and a != b
        )
        # Not part of a real tag ("internet day") nor a variant of a real one-word tag
        # ("child helpline" beside "helpline").
        single = {tag for tag in known if " " not in tag}
        made_up = [
            pair
            for pair, n in pairs.most_common()
            if n >= 2
            and not any(pair in tag for tag in known)
            and not single.intersection(pair.split())
        ][:250]
        real_tags = [tag for tag, _n in real.most_common()]
        vocabulary = [
            tag
            for pair in itertools.zip_longest(real_tags, made_up)
            for tag in pair
            if tag is not None
        ]
        self.tags, self.tag_weights = cumulative(
            (tag, 1 / (rank + TAG_ZIPF_SHIFT) ** TAG_ZIPF_EXPONENT)
            for rank, tag in enumerate(vocabulary, start=1)
        )
        organisations = Counter(str(o) for r in records for o in r.get("organisations") or [])
        self.organisations, self.organisation_weights = cumulative(
            [(name, n + 0.5) for name, n in organisations.most_common()]
            or [("Synthetic organisation", 1)]
        )


def cumulative(pairs):
    items, weights, total = [], [], 0.0
    for item, weight in pairs:
        total += weight
        items.append(item)
        weights.append(total)
    return items, weights


@cache
def corpus():
    return Corpus()
