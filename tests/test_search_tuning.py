"""Search that forgives (issue 14): fallback, suggestions, synonyms, names, stemming,
promotions and the "Searches with no results" report, on SQLite and PostgreSQL."""

from urllib.parse import parse_qs

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from editorial.setup import EDITORS, setup_editorial
from ocsea.core.loading import LoadReport
from practices.models import PracticePage
from practices.text_search import corpus_names
from search_tuning import matching
from search_tuning.config import config_for_language
from search_tuning.loading import load_synonyms
from search_tuning.models import SearchWithoutResults, Synonym
from search_tuning.synonyms import synonym_table
from tests import factories
from tests.editorial_helpers import make_user


@pytest.fixture
def corpus(site, taxonomy):
    t = taxonomy
    index = site["practices"]
    factories.practice(
        index,
        "Blocking access to child sexual abuse material",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["justice"]],
        summary="Internet providers block access to known child sexual abuse material.",
    )
    factories.practice(
        index,
        "Prevention campaign",
        countries=[t["SE"]],
        capabilities=[t["cap15"]],
        themes=[t["awareness"]],
        summary="A campaign against sexual extortion of young people.",
    )
    factories.practice(
        index,
        "StopItNow!",
        capabilities=[t["cap15"]],
        themes=[t["awareness"]],
        summary="A confidential helpline for people worried about their sexual thoughts.",
    )
    factories.practice(
        index,
        "B-BICO",
        countries=[t["NO"]],
        capabilities=[t["cap5"]],
        themes=[t["justice"]],
        summary="Training for professionals who interview children.",
    )
    factories.practice(
        index,
        "Barnahus",
        countries=[t["IS"]],
        capabilities=[t["cap8"]],
        themes=[t["victims"]],
        summary="Interviews and therapy for the child under one roof.",
    )
    load_synonyms(LoadReport())
    return site


def listing(client, query):
    response = client.get(f"/en/practices/?{query}", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


def an_editor():
    """A member of the Editors role: editors maintain synonyms and read the report."""
    groups, _workflows = setup_editorial()
    return make_user("editor", groups[EDITORS])


FALLBACK = "showing practices that match some of the words"


@pytest.mark.parametrize(
    "q, expected",
    [
        ("blocking CSAM websites", "Blocking access to child sexual abuse material"),
        ("sextortion", "Prevention campaign"),
        ("Stop it now", "StopItNow!"),
        ("stop it now helpline", "StopItNow!"),
        ("b bico", "B-BICO"),
        ("bbico", "B-BICO"),
        ("helplines", "StopItNow!"),
        ("children's house", "Barnahus"),
    ],
)
def test_practitioners_queries_find_their_practice(client, corpus, q, expected):
    data = listing(client, f"q={q}")
    assert titles(data)[:1] == [expected]


def test_a_query_every_word_misses_falls_back_to_ranked_partial_matches(client, corpus):
    data = listing(client, "q=blocking+CSAM+websites")
    assert titles(data)[0] == "Blocking access to child sexual abuse material"
    assert any(FALLBACK in notice for notice in data["notices"])
    # Facets and counts follow the fallback results.
    counts = {o["value"]: o["count"] for o in data["facets"]["country"]}
    assert counts["NO"] == 1 and counts["IS"] == 0
    html = client.get("/en/practices/?q=blocking+CSAM+websites").content.decode()
    assert "No practice matches all of “blocking CSAM websites”; " + FALLBACK in html
    # A query every word matches has no notice.
    assert not listing(client, "q=blocking")["notices"]


def test_words_that_match_nothing_get_suggestions(client, corpus):
    data = listing(client, "q=Icelnd")
    assert data["count"] == 0
    assert data["notices"] == []  # no "showing practices that match some of the words"
    facets = [(s["facet"], s["label"], s["url"]) for s in data["suggestions"]["facets"]]
    assert ("Country", "Iceland", "?country=IS") in facets
    html = client.get("/en/practices/?q=Icelnd&capability=8").content.decode()
    assert '<a href="?country=IS">Country: Iceland</a>' in html
    assert "Search again without the filters" in html
    assert "Nothing matches “Icelnd” with these filters." in html

    data = listing(client, "q=Judiciery")
    labels = [s["label"] for s in data["suggestions"]["facets"]]
    assert labels == ["5. Judiciary and Prosecutors"]

    data = listing(client, "q=barnahsu")
    assert data["suggestions"]["spelling"] == [{"q": "barnahus", "url": "?q=barnahus"}]
    html = client.get("/en/practices/?q=barnahsu").content.decode()
    assert 'Did you mean: <a href="?q=barnahus">barnahus</a>' in html


def test_synonyms_edited_in_the_admin_take_effect_without_a_restart(client, corpus):
    assert listing(client, "q=unheard+phrase")["count"] == 0  # cached anonymous listing
    editor = client.__class__()
    editor.force_login(an_editor())
    response = editor.post(
        "/admin/snippets/search_tuning/synonym/add/",
        {"key": "test", "terms": "unheard phrase\ntherapy", "language": "", "source": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert titles(listing(client, "q=unheard+phrase")) == ["Barnahus"]
    synonym = Synonym.objects.get(key="test")
    response = editor.post(
        f"/admin/snippets/search_tuning/synonym/edit/{synonym.pk}/",
        {"key": "test", "terms": "unheard phrase\nhelpline", "language": "", "source": ""},
    )
    assert response.status_code == 302
    assert titles(listing(client, "q=unheard+phrase")) == ["StopItNow!"]
    synonym.delete()
    assert listing(client, "q=unheard+phrase")["count"] == 0


def test_synonyms_apply_to_their_language(db):
    Synonym.objects.create(key="fr-only", terms="pédopiégeage\ngrooming", language="fr")
    Synonym.objects.create(key="every", terms="CSAM\nchild sexual abuse material")
    assert ("grooming",) in synonym_table("fr")[("pedopiegeage",)]
    assert ("pedopiegeage",) not in synonym_table("en")
    assert ("csam",) in synonym_table("fr")[("child", "sexual", "abuse", "material")]


def test_the_seed_synonyms_load_once_and_keep_editors_changes(db):
    load_synonyms(LoadReport())
    assert Synonym.objects.count() == 6
    assert "source" and "line 1969" in Synonym.objects.get(key="barnahus").source.lower()
    report = LoadReport()
    load_synonyms(report)
    assert report.counts["search synonyms"]["unchanged"] == 6
    edited = Synonym.objects.get(key="hotline")
    edited.terms = "hotline\nreporting line\nreporting portal"
    edited.save()
    report = LoadReport()
    load_synonyms(report)
    assert Synonym.objects.get(key="hotline").terms.endswith("reporting portal")
    assert report.counts["search synonyms"]["edited"] == 1


def test_searches_are_logged_without_personal_data_and_misses_reported(client, corpus):
    listing(client, "q=zyxwv+nothing+here")
    listing(client, "q=zyxwv+nothing+here")  # cached response: still counted
    listing(client, "q=barnahus")
    # Counted in the cache on the hot path, written in batch (search_tuning.promotions).
    call_command("flush_search_log")
    assert Query.get("barnahus").hits == 1
    misses = SearchWithoutResults.objects.get(query__query_string="zyxwv nothing here")
    assert misses.hits == 2
    assert {f.name for f in SearchWithoutResults._meta.fields} == {"id", "query", "date", "hits"}
    client.force_login(an_editor())
    html = client.get("/admin/reports/searches-without-results/").content.decode()
    assert "zyxwv nothing here" in html
    assert "barnahus" not in html.lower().split("searches with no results")[-1]


def test_promoted_practices_come_first_for_their_query(client, corpus):
    bbico = corpus["practices"].get_children().get(title="B-BICO")
    SearchPromotion.objects.create(query=Query.get("therapy"), page=bbico, sort_order=0)
    data = listing(client, "q=therapy")
    assert titles(data) == ["B-BICO", "Barnahus"]
    # Promotions respect the facets.
    assert titles(listing(client, "q=therapy&country=IS")) == ["Barnahus"]


def suggested(client, q):
    response = client.get(f"/practices/suggest/?lang=en&q={q}")
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def test_the_suggest_box_uses_the_same_matching(client, corpus):
    assert suggested(client, "stop it") == ["StopItNow!"]  # across spacing
    assert suggested(client, "b bic") == ["B-BICO"]  # across punctuation
    assert suggested(client, "bbi") == ["B-BICO"]
    assert suggested(client, "barn") == ["Barnahus"]  # prefixes
    assert suggested(client, "sextor") == ["Prevention campaign"]  # synonyms
    assert suggested(client, "children's hou") == ["Barnahus"]
    assert suggested(client, "qqqq") == []


def test_synonyms_apply_in_french_listings(client, site, taxonomy):
    from tests.l10n import french_terms, french_tree, translate

    french_terms(taxonomy)
    french_tree(site)
    english = factories.practice(
        site["practices"],
        "Prevention campaign",
        capabilities=[taxonomy["cap15"]],
        themes=[taxonomy["awareness"]],
        summary="A campaign against sexual extortion of young people.",
    )
    translate(
        english,
        {
            "title": "Campagne de prévention",
            "slug": "campagne-de-prevention",
            "summary": "Une campagne contre l’extorsion sexuelle des jeunes.",
        },
    )
    Synonym.objects.create(key="sextorsion", terms="sextorsion\nextorsion sexuelle", language="fr")
    response = client.get("/fr/pratiques/?q=sextorsion", HTTP_ACCEPT="application/json")
    assert [r["title"] for r in response.json()["results"]] == ["Campagne de prévention"]
    # A French list does not apply to English searches.
    assert listing(client, "q=sextorsion")["count"] == 0
    # Promoting the English page promotes its translation in the French listing.
    SearchPromotion.objects.create(query=Query.get("épinglée"), page=english, sort_order=0)
    response = client.get("/fr/pratiques/?q=%C3%A9pingl%C3%A9e", HTTP_ACCEPT="application/json")
    assert [r["title"] for r in response.json()["results"]] == ["Campagne de prévention"]


def test_names_are_squashed_across_spacing_and_punctuation():
    from search_tuning.matching import ALL, analyse
    from search_tuning.text import squash, squashed_aliases

    assert squash("StopItNow!") == squash("stop it now") == "stopitnow"
    assert "bbico" in squashed_aliases(["Belgian Better Internet Consortium (B-BICO)"])
    assert "stopitnow" in squashed_aliases(["Stop It Now helpline"])
    units = analyse("stop it now helpline", "en", names={"stopitnow"}, synonyms=False)
    assert [unit.words for unit in units] == [("stop", "it", "now"), ("helpline",)]
    assert (ALL, ("stopitnow",)) in units[0].alternatives
    # Without such a name, each word stands alone.
    assert len(analyse("stop it now", "en", names={"other"}, synonyms=False)) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks the index's rows")
@pytest.mark.parametrize(
    "query",
    [
        "q=child",
        "q=sexual",
        "q=barnahus+sexual",
        "q=interviews",
        "q=sexual&capability=5&capability=15",
    ],
)
def test_relevance_is_the_rank_of_the_search_index_rows(client, corpus, query):
    """Relevance order comes from two paths: a search narrowed by no facet reads its matches
    ranked (matching.ranked_matching_pks), one with facets ranks the practices they select
    afterwards (matching.ranked_pks). Either way the order must be plain SQL's: the results'
    search index rows by Wagtail's rank expression, then the highest pk. The fallback to any
    word ("barnahus sexual") and a facet narrowing the ranking are among the cases."""
    shown = titles(listing(client, query))
    assert len(shown) >= 2
    pks = dict(PracticePage.objects.live().values_list("title", "pk"))
    units = matching.analyse(
        parse_qs(query)["q"][0], "en", names=corpus_names(Locale.get_default())
    )
    rank = matching.rank_expression(PracticePage, matching.rank_query(units))
    in_sql_order = (
        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(PracticePage),
            object_id__in=[str(pks[title]) for title in shown],
        )
        .annotate(rank=rank, object_pk=Cast("object_id", IntegerField()))
        .order_by("-rank", "-object_pk")
        .values_list("object_pk", flat=True)
    )
    assert [pks[title] for title in shown] == list(in_sql_order)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's expression index")
def test_a_search_reads_its_matches_through_the_title_and_body_index(corpus):
    """Every word is matched in the title and body vectors as one (a word of the title and one
    of the summary: "barnahus therapy"), in one condition that the expression index of
    search_tuning's migration 0003 answers: if the query's expression drifted from the index's,
    PostgreSQL would read every row of the search index instead."""
    units = matching.analyse("barnahus therapy", "en")
    barnahus = PracticePage.objects.get(title="Barnahus").pk
    assert matching.matching_pks(PracticePage, units, "en") == [barnahus]
    # The match's condition alone (without the content type's, which its own index answers).
    entries = matching._postgres_matching(
        IndexEntry.objects.all(), matching.every_word_query(units), config_for_language("en")
    )
    sql, params = entries.values("object_id").query.sql_with_params()
    with connection.cursor() as cursor:
        # The test corpus is small enough to read whole: ask for the plan an index allows.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_tuning_indexentry_title_body_gin" in plan, plan
    assert "title_9caae0_gin" not in plan and "body_90c85d_gin" not in plan, plan


def test_every_word_of_a_synonym_phrase_may_be_in_the_title_or_the_body(client, corpus):
    """A run of words with alternatives ("sexual extortion", a synonym of "sextortion") is
    matched like separate words: each may be in the title or in the summary. Both backends
    match a practice's title and body as one text (PostgreSQL: ``title || body``, as Wagtail's
    own search; SQLite: FTS5 across the row's columns)."""
    factories.practice(
        corpus["practices"], "Sexual abuse online", summary="Extortion by people met online."
    )
    assert {"Prevention campaign", "Sexual abuse online"} <= set(
        titles(listing(client, "q=sexual+extortion"))
    )
