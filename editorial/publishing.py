"""The admin routes that make pages live, held to the publication rules.

``PracticePage.publish()`` refuses a revision that breaks the rules (``practices.publication``).
Wagtail reaches it from workflow approval, bulk publish, scheduled publishing and
wagtail-localize, but some routes make a page live without it, and some would leave a batch
half done. This module adapts each of them so that it checks first and refuses whole:

- bulk publish checks every selected page (and draft descendant) before publishing any;
- the admin API's ``publish`` action builds Wagtail's publish action itself, and ``copy``
  (``keep_live``, on by default) copies a live page as live: both check first and answer 400;
- the copy view's "Publish copies" copies live pages as live: refused before copying;
- a refused scheduled publication is written to the page's history
  (``editorial.publication_refused``, see the ``publish_scheduled`` command).
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from wagtail.admin import messages
from wagtail.admin.api.actions.copy import CopyPageAPIAction
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.log_actions import LogFormatter

from practices.models import PracticePage
from practices.publication import PublicationRefused, publication_problems

REFUSED_LOG_ACTION = "editorial.publication_refused"


def refusal(content):
    """``PublicationRefused`` for ``content`` (a page as it would go live), or ``None``."""
    if not isinstance(content, PracticePage):
        return None
    problems = publication_problems(content)
    return PublicationRefused(content, problems) if problems else None


def latest_content(page):
    """What publishing ``page`` now would make live: its latest revision, or the page itself."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page.specific


def copy_refusals(page, recursive):
    """Refusals for copying ``page`` (and its subtree) as live: the live pages' content."""
    pages = page.get_descendants(inclusive=True) if recursive else [page]
    return [
        found
        for candidate in pages
        if candidate.live and (found := refusal(candidate.specific)) is not None
    ]


def error_with_edit_button(request, refused):
    practice = refused.practice
    messages.error(
        request,
        refused.message,
        buttons=[
            messages.button(reverse("wagtailadmin_pages:edit", args=[practice.pk]), _("Edit"))
        ],
    )


# Bulk publish ------------------------------------------------------------------------------------


class RulesCheckedPublishBulkAction(PublishBulkAction):
    """Wagtail's bulk publish, refused whole when a page in it may not be published."""

    def pages_to_publish(self, objects):
        include_descendants = self.cleaned_form.cleaned_data.get("include_descendants")
        for page in objects:
            yield page
            if include_descendants:
                yield from page.get_descendants().not_live()

    def prepare_action(self, objects, objects_without_access):
        refused = [
            found
            for page in self.pages_to_publish(objects)
            if (found := refusal(latest_content(page))) is not None
        ]
        if not refused:
            return super().prepare_action(objects, objects_without_access)
        messages.error(
            self.request,
            _("Nothing was published: complete these practices, or leave them out."),
        )
        for found in refused:
            error_with_edit_button(self.request, found)
        return redirect(self.next_url)


# Admin API ---------------------------------------------------------------------------------------


def api_refusal(found):
    return ValidationError({"publication": [str(found.message)]})


class RulesCheckedPublishPageAPIAction(PublishPageAPIAction):
    def _action_from_data(self, instance, data):
        action = super()._action_from_data(instance, data)
        found = refusal(action.object)  # the revision's content, as Wagtail would publish it
        if found is not None:
            raise api_refusal(found)
        return action


class RulesCheckedCopyPageAPIAction(CopyPageAPIAction):
    def execute(self, instance, data):
        if data["keep_live"]:
            refused = copy_refusals(instance, data["recursive"])
            if refused:
                raise api_refusal(refused[0])
        return super().execute(instance, data)


class RulesCheckedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {
        **PagesAdminAPIViewSet.actions,
        "publish": RulesCheckedPublishPageAPIAction,
        "copy": RulesCheckedCopyPageAPIAction,
    }


# Copy view ---------------------------------------------------------------------------------------


def refuse_publishing_invalid_copies(request, page):
    """``before_copy_page``: "Publish copies" is refused if a live copy would break the rules."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    refused = copy_refusals(page, recursive=bool(request.POST.get("copy_subpages")))
    if not refused:
        return None
    for found in refused:
        error_with_edit_button(request, found)
    return redirect(request.get_full_path())


# Page history ------------------------------------------------------------------------------------


class PublicationRefusedFormatter(LogFormatter):
    label = gettext_lazy("Publication refused")

    def format_message(self, log_entry):
        return _("Scheduled publication refused: %(reason)s") % {
            "reason": log_entry.data.get("reason", "")
        }
