from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from countries.models import CountryIndexPage, CountryPage
from ocsea.core.models import HomePage
from practices.models import PracticeIndexPage, PracticePage
from report.models import AboutSourcePage, RecommendationIndexPage
from tests import factories

ALL_PAGE_TYPES = [
    HomePage,
    PracticeIndexPage,
    PracticePage,
    CountryIndexPage,
    CountryPage,
    AboutSourcePage,
    RecommendationIndexPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_every_page_type_declares_its_template_and_tree_rules(self):
        for page_type in ALL_PAGE_TYPES:
            with self.subTest(page_type=page_type.__name__):
                for attribute in ("template", "parent_page_types", "subpage_types"):
                    self.assertIn(attribute, page_type.__dict__)

    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {PracticeIndexPage, CountryIndexPage, AboutSourcePage, RecommendationIndexPage},
        )

    def test_practices_live_only_under_the_practice_index(self):
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_country_pages_live_only_under_the_country_index(self):
        self.assertAllowedParentPageTypes(CountryPage, {CountryIndexPage})
        self.assertAllowedSubpageTypes(CountryIndexPage, {CountryPage})
        self.assertAllowedSubpageTypes(CountryPage, set())

    def test_leaf_pages_take_no_children(self):
        self.assertAllowedSubpageTypes(AboutSourcePage, set())
        self.assertAllowedSubpageTypes(RecommendationIndexPage, set())

    def test_section_pages_are_unique_under_home(self):
        tree = factories.build_site()
        self.assertCanCreateAt(HomePage, PracticeIndexPage)
        for page_type in (PracticeIndexPage, CountryIndexPage, AboutSourcePage):
            with self.subTest(page_type=page_type.__name__):
                self.assertFalse(page_type.can_create_at(tree["home"]))
        self.assertTrue(PracticePage.can_create_at(tree["practices"]))
        self.assertFalse(PracticePage.can_create_at(tree["countries"]))
