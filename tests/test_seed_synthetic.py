"""seed_synthetic_practices: bulk-written pages that make a valid, served, searchable corpus."""

import io
import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page

from practices.models import PracticePage
from practices.publication import publication_problems

SLUG = re.compile(r"^synthetic-practice-(\d{5,})$")


def seed(count, **options):
    out = io.StringIO()
    call_command("seed_synthetic_practices", count=count, stdout=out, **options)
    return out.getvalue()


def synthetic():
    return PracticePage.objects.filter(title__startswith="Synthetic practice").order_by("path")


def assert_valid_tree(index, expected_children):
    problems = Page.find_problems()
    assert problems == ([], [], [], [], []), problems
    index.refresh_from_db()
    assert index.numchild == expected_children
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    assert children.count() == expected_children


@pytest.fixture
def seeded(site, taxonomy):
    output = seed(30)
    return {**site, "taxonomy": taxonomy, "output": output}


def test_tree_is_valid_and_pages_are_complete(seeded):
    index = seeded["practices"]
    assert_valid_tree(index, 30)
    pages = list(synthetic())
    assert len(pages) == 30
    numbers = sorted(int(SLUG.match(page.slug).group(1)) for page in pages)
    assert numbers == list(range(30))
    assert len({page.translation_key for page in pages}) == 30
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.depth == index.depth + 1 and page.path.startswith(index.path)
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert page.locale_id == index.locale_id and page.draft_title == page.title
        assert page.first_published_at <= page.last_published_at
        assert page.summary and page.body
        # What a real practice needs before it may be published, links and rows included.
        assert publication_problems(page) == []
        assert 1 <= page.capabilities.count() <= 3 and 1 <= page.themes.count() <= 2
        assert page.treaty_articles.count() <= 4 and page.target_groups.count() <= 2
        assert page.tags.count() >= 2
    # Not every page is the same: text, dates and review state vary.
    assert len({page.summary for page in pages}) == 30
    assert len({page.first_published_at for page in pages}) == 30
    reviewed = [page.last_reviewed is not None for page in pages]
    assert any(reviewed) and not all(reviewed)
    assert "Search 'helpline' matches" in seeded["output"]


def test_pages_are_served(seeded, client):
    pages = list(synthetic())
    for page in pages[:: len(pages) // 5]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def listed_titles(client, query):
    titles, number = [], 1
    while True:
        response = client.get(
            f"/en/practices/?{query}&page={number}", HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 200
        data = response.json()
        titles += [result["title"] for result in data["results"]]
        if len(titles) >= data["count"]:
            return titles
        number += 1


def test_listing_filters_by_country(seeded, client):
    iceland = seeded["taxonomy"]["IS"]
    carrying = set(synthetic().filter(countries=iceland).values_list("title", flat=True))
    assert carrying, "no synthetic practice carries IS: the test would prove nothing"
    listed = listed_titles(client, "country=IS")
    assert set(listed) == carrying
    assert len(listed) < 30  # the filter left some out


def rare_word(page):
    """A word of ``page``'s summary that few other synthetic practices' summaries use."""
    summaries = list(synthetic().values_list("summary", flat=True))
    uses = Counter(
        word for summary in summaries for word in set(re.findall(r"[a-z]{6,}", summary.lower()))
    )
    words = set(re.findall(r"[a-z]{6,}", page.summary.lower()))
    return min(sorted(words), key=lambda word: uses[word])


def test_search_finds_a_synthetic_practice_by_its_words(seeded, client):
    page = synthetic()[7]
    word = rare_word(page)
    found = PracticePage.objects.live().search(word)
    assert page.pk in [result.pk for result in found], word
    assert page.title in listed_titles(client, f"q={word}")


def test_a_second_run_continues(seeded, client):
    index = seeded["practices"]
    first = {page.pk: page.path for page in synthetic()}
    output = seed(5)
    assert "5 synthetic practices added" in output
    assert_valid_tree(index, 35)
    pages = list(synthetic())
    assert {page.pk: page.path for page in pages if page.pk in first} == first
    numbers = sorted(int(SLUG.match(page.slug).group(1)) for page in pages)
    assert numbers == list(range(35))
    assert len({page.path for page in pages}) == len({page.url_path for page in pages}) == 35
    newest = max(pages, key=lambda page: page.path)
    assert newest.slug == "synthetic-practice-00034"
    assert client.get(newest.url).status_code == 200
    word = rare_word(newest)
    assert newest.pk in [result.pk for result in PracticePage.objects.live().search(word)]


def test_refuses_the_default_database(site, taxonomy, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", str(settings.BASE_DIR / "db.sqlite3"))
    with pytest.raises(CommandError, match="separate database"):
        seed(3)
    monkeypatch.undo()
    assert not synthetic().exists()
