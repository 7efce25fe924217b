"""A translator's segments become a draft of the translated page, which goes to review.

wagtail-localize keeps what a translator types in its editor as string translations; only its
"Publish" (for users who may publish) writes them into the page. ``save_translation_draft``
writes them into a new draft revision instead, without touching what is live, and
``submit_translation_for_review`` then starts the page's workflow ("Translation review"), so
that a moderator approves and publishes it.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import WorkflowState
from wagtail_localize.models import StringSegment, TranslationLog


class ReviewRefused(Exception):
    """The translation cannot go to review now; the message says why."""


def untranslated_segment_count(translation):
    """How many of the source's strings have no translation yet (they stay in the source)."""
    return (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .count()
    )


@transaction.atomic
def save_translation_draft(translation, user, for_review=False):
    """Save the translated segments as a new draft revision of the target page; return the page.

    Raises ``ReviewRefused`` (and saves nothing) if ``user`` may not. A page that is not live
    yet is written by wagtail-localize itself (creating it, and any missing parent, as drafts).
    A live page only gets a revision: wagtail-localize would write the segments into the live
    row, which is what visitors see.
    """
    source = translation.source
    locale = translation.target_locale
    try:
        page = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        page = None
    if page is None or not page.live:
        translation.save_target(user=user, publish=False)
        page = source.get_translated_instance(locale)
        check_may_change(page, user, for_review)
        return page
    check_may_change(page, user, for_review)
    draft = source.get_ephemeral_translated_instance(locale, fallback=True)
    draft.slug = find_available_slug(
        draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
    )
    revision = draft.save_revision(user=user)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return draft


def review_state(page):
    """The page's open workflow state (in review or sent back), or None."""
    state = page.current_workflow_state
    if state is not None and state.status in (
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    ):
        return state
    return None


def check_may_change(page, user, for_review):
    """Raise ``ReviewRefused`` unless ``user`` may change ``page`` (and send it to review)."""
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        raise ReviewRefused(_("You may not edit this translation."))
    if permissions.page_locked():
        raise ReviewRefused(_("This translation is locked while a moderator reviews it."))
    if for_review and page.get_workflow() is None:
        raise ReviewRefused(_("No review workflow applies to this page yet."))


@transaction.atomic
def submit_translation_for_review(translation, user):
    """Save the draft and start (or resume) the review; return the page and its workflow state."""
    page = save_translation_draft(translation, user, for_review=True)
    state = review_state(page)
    if state is None:
        state = page.get_workflow().start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    return page, state
