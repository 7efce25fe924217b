"""Dashboard panels for the roles that need them: "My drafts" (editors), "Awaiting review"
(moderators) and "Translations to do" (translators)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from .setup import EDITORS, MODERATORS, TRANSLATORS

PANEL_ROWS = 10


def in_group(user, name):
    return user.is_superuser or user.groups.filter(name=name).exists()


class ListPanel(Component):
    template_name = "editorial/dashboard_panel.html"
    title = ""
    empty = ""

    def __init__(self, rows, total):
        self.rows = rows
        self.total = total

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
        return cls([(page.title, page.pk) for page in pages[:PANEL_ROWS]], pages.count())


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
        ids = [int(state.object_id) for state in states[:PANEL_ROWS]]
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
                (f"{page.title} → {locale.get_display_name()}", page.pk)
                for page in missing[: PANEL_ROWS - len(rows)]
            ]
        return cls(rows, total)


def dashboard_panels(request, panels):
    user = request.user
    if in_group(user, EDITORS):
        panels.append(MyDraftsPanel.for_user(user))
    if in_group(user, MODERATORS):
        panels.append(AwaitingReviewPanel.for_user(user))
    if in_group(user, TRANSLATORS):
        panels.append(TranslationsToDoPanel.for_user(user))
