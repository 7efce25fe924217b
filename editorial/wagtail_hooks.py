"""Admin for editors: taxonomy snippets, the practice listing, the review report, role checks."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from countries.models import Country
from ocsea.core.reports import PageWorkMenuItem
from practices.models import PracticePage
from report.models import Recommendation
from taxonomy.models import Capability, TargetGroup, Theme, TreatyArticle, in_default_locale

from .freshness import DueForReviewView, review_cutoff
from .publishing import (
    REFUSED_LOG_ACTION,
    PublicationRefusedFormatter,
    RulesCheckedPagesAdminAPIViewSet,
    RulesCheckedPublishBulkAction,
    refuse_publishing_invalid_copies,
)
from .setup import EDITORS, MODERATORS, TRANSLATORS

# Taxonomy -------------------------------------------------------------------------------------


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "key"]


class CapabilityViewSet(SnippetViewSet):
    model = Capability
    icon = "tasks"
    list_display = ["__str__", "domain"]


class TreatyArticleViewSet(SnippetViewSet):
    model = TreatyArticle
    icon = "doc-full"
    list_display = ["__str__", "key"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "key"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "iso2"]


class RecommendationViewSet(SnippetViewSet):
    model = Recommendation
    icon = "list-ul"
    list_display = ["__str__", "key"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (
        ThemeViewSet,
        CapabilityViewSet,
        TreatyArticleViewSet,
        TargetGroupViewSet,
        CountryViewSet,
        RecommendationViewSet,
    )


register_snippet(TaxonomyViewSetGroup)


def is_translator_only(user):
    """A Translator who is neither editor, moderator nor administrator."""
    if user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


@hooks.register("before_edit_snippet", order=-100)
def keep_translators_off_source_language_rows(request, instance):
    """Wagtail has no per-locale snippet permission: translators may only edit translations."""
    if (
        isinstance(instance, TranslatableMixin)
        and instance.locale_id == Locale.get_default().pk
        and is_translator_only(request.user)
    ):
        raise PermissionDenied


@hooks.register("before_delete_snippet", order=-100)
def keep_translators_from_deleting_source_language_rows(request, instances):
    default_locale_id = Locale.get_default().pk
    if is_translator_only(request.user) and any(
        isinstance(instance, TranslatableMixin) and instance.locale_id == default_locale_id
        for instance in instances
    ):
        raise PermissionDenied


# Practice listing -----------------------------------------------------------------------------


class PracticeAdminFilterSet(PageFilterSet):
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=lambda request: Country.objects.filter(in_default_locale()).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    capability = django_filters.ModelMultipleChoiceFilter(
        label=_("MNR capability"),
        field_name="capabilities",
        queryset=lambda request: Capability.objects.filter(in_default_locale()),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=lambda request: Theme.objects.filter(in_default_locale()),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )
    workflow_state = django_filters.ChoiceFilter(
        label=_("Workflow state"),
        choices=[
            (WorkflowState.STATUS_IN_PROGRESS, _("In moderation")),
            (WorkflowState.STATUS_NEEDS_CHANGES, _("Changes requested")),
            ("none", _("Not in moderation")),
        ],
        method="filter_workflow_state",
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )
    last_reviewed = django_filters.ChoiceFilter(
        label=_("Last reviewed"),
        choices=[
            ("due", _("Due for review (24 months or more, or never)")),
            ("never", _("Never reviewed")),
            ("recent", _("Reviewed in the last 24 months")),
        ],
        method="filter_last_reviewed",
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = PracticePage
        fields = []

    def filter_workflow_state(self, queryset, name, value):
        open_states = [WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES]
        if value == "none":
            pages = Page.objects.filter(_workflow_states__status__in=open_states)
            return queryset.exclude(pk__in=pages.values("pk"))
        pages = Page.objects.filter(_workflow_states__status=value)
        return queryset.filter(pk__in=pages.values("pk"))

    def filter_last_reviewed(self, queryset, name, value):
        cutoff = review_cutoff()
        if value == "due":
            return queryset.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=cutoff))
        if value == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset.filter(last_reviewed__gt=cutoff)


class PracticeListingViewSet(PageListingViewSet):
    model = PracticePage
    icon = "doc-full-inverse"
    menu_label = _("Practices")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = PracticeAdminFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
    ]


practice_listing_viewset = PracticeListingViewSet("practice_listing")


@hooks.register("register_admin_viewset")
def register_practice_listing():
    return practice_listing_viewset


# Freshness report -----------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_due_for_review_report():
    return [
        path(
            "reports/due-for-review/",
            DueForReviewView.as_view(),
            name="editorial_due_for_review",
        ),
        path(
            "reports/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="editorial_due_for_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return PageWorkMenuItem(
        _("Practices due for review"),
        reverse("editorial_due_for_review"),
        name="practices-due-for-review",
        icon_name="time",
        order=650,
    )


# Publication rules on every route (editorial.publishing) ----------------------------------------

# Registered after Wagtail's own bulk publish (order), which it replaces.
hooks.register("register_bulk_action", RulesCheckedPublishBulkAction, order=100)
hooks.register("before_copy_page", refuse_publishing_invalid_copies)


@hooks.register("construct_admin_api")
def check_publication_rules_in_the_admin_api(router):
    router.register_endpoint("pages", RulesCheckedPagesAdminAPIViewSet)


@hooks.register("register_log_actions")
def register_publication_refused_log_action(actions):
    actions.register_action(REFUSED_LOG_ACTION)(PublicationRefusedFormatter)


@hooks.register("construct_homepage_panels")
def role_dashboard_panels(request, panels):
    """ "My drafts", "Awaiting review" and "Translations to do", for the roles that need them."""
    from .dashboard import dashboard_panels

    dashboard_panels(request, panels)
