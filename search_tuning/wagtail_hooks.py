"""Admin: the synonyms editors maintain, and the "Searches with no results" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym
from .views import SearchesWithoutResultsView


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["key", "__str__", "language"]
    search_fields = ["key", "terms"]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_searches_without_results_report():
    return [
        path(
            "reports/searches-without-results/",
            SearchesWithoutResultsView.as_view(),
            name="search_tuning_without_results",
        ),
        path(
            "reports/searches-without-results/results/",
            SearchesWithoutResultsView.as_view(results_only=True),
            name="search_tuning_without_results_results",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_searches_without_results_menu_item():
    return EditorsMenuItem(
        _("Searches with no results"),
        reverse("search_tuning_without_results"),
        name="searches-without-results",
        icon_name="search",
        order=660,
    )
