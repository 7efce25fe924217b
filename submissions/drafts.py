"""Turn a practitioner's submission into an unpublished draft practice."""

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale

from practices.models import PracticeIndexPage, PracticePage, PracticeSource

from .models import Submission


class NoPracticeIndex(Exception):
    pass


def default_practice_index():
    index = PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise NoPracticeIndex
    return index


def available_slug(parent, title):
    base = slugify(title)[:70] or "practice"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def create_draft_practice(submission, user):
    """An unpublished PracticePage under the default-locale index; the submission is accepted."""
    index = default_practice_index()
    page = PracticePage(
        title=submission.title,
        slug=available_slug(index, submission.title),
        summary=submission.description,
        owner=user,
        live=False,
    )
    page.countries.set(list(submission.countries.all()))
    page.capabilities.set(list(submission.capabilities.all()))
    page.sources = [PracticeSource(url=submission.source_url, label=submission.source_url)]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission.status = Submission.Status.ACCEPTED
    submission.practice = page
    submission.save(update_fields=["status", "practice"])
    return page
