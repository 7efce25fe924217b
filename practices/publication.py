"""The publication rules of a practice: what it needs before it may go live.

Each rule is a check function that reads a practice (a saved page, a revision's
``as_object()``, or an edit form's candidate: the same attributes and cluster relations in each
case) and returns a :class:`Problem` when the practice falls short, ``None`` otherwise. Adding a
rule is adding one function to ``PUBLICATION_CHECKS``.

``PracticePage.publish()`` calls :func:`ensure_publishable` on the revision it is given, so every
route that ends in ``Revision.publish()`` (workflow approval, bulk publish, scheduled
publishing, wagtail-localize, the content loader) meets the same rules; the admin routes that
publish without ``Page.publish()`` call it themselves (``editorial``).
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .evidence import capabilities_without_evidence


@dataclass(frozen=True)
class Problem:
    """One unmet requirement: ``need`` completes "It needs …"; ``field`` is the form field."""

    need: str
    field: str | None = None


def needs_capability(practice):
    if not practice.capabilities.all():
        return Problem(_("an MNR capability"), "capabilities")
    return None


def needs_theme(practice):
    if not practice.themes.all():
        return Problem(_("a theme"), "themes")
    return None


def needs_source(practice):
    if not any(source.label for source in practice.sources.all()):
        return Problem(_("a source"), "sources")
    return None


def needs_capability_evidence(practice):
    unsupported = capabilities_without_evidence(practice)
    if unsupported:
        return Problem(
            format_lazy(
                _("evidence (a quote from the report) for MNR capability {numbers}"),
                numbers=", ".join(str(number) for number in unsupported),
            ),
            "evidence",
        )
    return None


PUBLICATION_CHECKS = [needs_capability, needs_theme, needs_source, needs_capability_evidence]


def publication_problems(practice):
    """Every rule ``practice`` does not meet, in the order of ``PUBLICATION_CHECKS``."""
    return [problem for check in PUBLICATION_CHECKS if (problem := check(practice)) is not None]


def needs_text(problems):
    """ "It needs …" for ``problems``, as one translated sentence."""
    return format_lazy(
        _("This practice cannot be published yet. It needs {what}."),
        what=", ".join(str(problem.need) for problem in problems),
    )


class PublicationRefused(Exception):
    """A practice was asked to go live while it breaks the publication rules.

    Raised before anything is changed, so the route that asked can refuse cleanly.
    """

    def __init__(self, practice, problems):
        self.practice = practice
        self.problems = list(problems)
        super().__init__(str(self.message))

    @property
    def reason(self):
        return needs_text(self.problems)

    @property
    def message(self):
        return format_lazy(
            _("'{title}' was not published. {reason}"),
            title=self.practice.get_admin_display_title(),
            reason=self.reason,
        )

    def __str__(self):
        return str(self.message)


def ensure_publishable(practice):
    """Raise :class:`PublicationRefused` unless ``practice`` meets every publication rule."""
    problems = publication_problems(practice)
    if problems:
        raise PublicationRefused(practice, problems)
