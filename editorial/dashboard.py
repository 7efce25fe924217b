"""Dashboard panels for the roles that need them: "My drafts" (editors), "Awaiting review"
(moderators) and "Translations to do" (translators)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from .setup import EDITORS, MODERATORS, TRANSLATORS

PANEL_ROWS = 10


def role_names(user):
    """The editorial roles ``user`` has (a superuser has them all), in one query."""
    if user.is_superuser:
        return {EDITORS, MODERATORS, TRANSLATORS}
    return set(user.groups.values_list("name", flat=True))


class ListPanel(Component):
    template_name = "editorial/dashboard_panel.html"
    title = ""
    empty = ""

    def __init__(self, rows, total):
        self.rows = rows
        self.total = total

    @classmethod
    def of_pages(cls, pages):
        """The first rows of a queryset of pages (title and id only), and its size."""
        return cls(list(pages.values_list("title", "pk")[:PANEL_ROWS]), pages.count())

    def get_context_data(self, parent_context):
        return {"title": self.title, "rows": self.rows, "total": self.total, "empty": self.empty}


class MyDraftsPanel(ListPanel):
    name = "my_drafts"
    order = 90
    title = _("My drafts")
    empty = _("You have no draft.")

    @classmethod
    def for_user(cls, user):
        pages = (
            Page.objects.filter(owner=user)
            .filter(Q(live=False) | Q(has_unpublished_changes=True))
            .order_by("-latest_revision_created_at")
        )
        return cls.of_pages(pages)


class AwaitingReviewPanel(ListPanel):
    name = "awaiting_review"
    order = 95
    title = _("Awaiting review")
    empty = _("Nothing is waiting for review.")

    @classmethod
    def for_user(cls, user):
        states = (
            WorkflowState.objects.active()
            .filter(base_content_type__app_label="wagtailcore")
            .order_by("-created_at")
        )
        ids = [int(pk) for pk in states.values_list("object_id", flat=True)[:PANEL_ROWS]]
        titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
        return cls([(titles[pk], pk) for pk in ids if pk in titles], states.count())


class TranslationsToDoPanel(ListPanel):
    name = "translations_to_do"
    order = 100
    title = _("Translations to do")
    empty = _("Every live practice is translated.")

    @classmethod
    def for_user(cls, user):
        from practices.models import PracticePage

        default = Locale.get_default()
        rows, total = [], 0
        for locale in Locale.objects.exclude(pk=default.pk).order_by("language_code"):
            translated = PracticePage.objects.filter(locale=locale).values("translation_key")
            missing = (
                PracticePage.objects.live()
                .filter(locale=default)
                .exclude(translation_key__in=translated)
                .order_by("title")
            )
            total += missing.count()
            rows += [
                (f"{title} → {locale.get_display_name()}", pk)
                for title, pk in missing.values_list("title", "pk")[: PANEL_ROWS - len(rows)]
            ]
        return cls(rows, total)


def dashboard_panels(request, panels):
    user = request.user
    roles = role_names(user)
    if EDITORS in roles:
        panels.append(MyDraftsPanel.for_user(user))
    if MODERATORS in roles:
        panels.append(AwaitingReviewPanel.for_user(user))
    if TRANSLATORS in roles:
        panels.append(TranslationsToDoPanel.for_user(user))
