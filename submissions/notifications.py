import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from editorial.setup import MODERATORS
from ocsea.core.absolute import absolute_url

logger = logging.getLogger(__name__)


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True, groups__name=MODERATORS)
    return sorted({user.email for user in users if user.email})


def notify_moderators(submission, request=None):
    """E-mail every active moderator that a practitioner suggested a practice."""
    recipients = moderator_addresses()
    if not recipients:
        return 0
    # Built from OCSEA_BASE_URL, else (development) the host the suggestion was sent to.
    admin_url = absolute_url(reverse("submission_admin:inspect", args=[submission.pk]), request)
    body = (
        "A practitioner suggested a practice for the OCSEA Practice Atlas.\n\n"
        f"Practice: {submission.title}\n"
        f"Source: {submission.source_url}\n\n"
        f"Review it in the admin: {admin_url}\n"
    )
    return send_mail(
        subject=f"[OCSEA Practice Atlas] Suggested practice: {submission.title[:80]}",
        message=body,
        from_email=None,
        recipient_list=recipients,
    )


def notify_moderators_safely(submission, request=None):
    """notify_moderators, logging a failure instead of raising it.

    The submission is already stored and listed in the admin; a mail server that is down or
    refuses the message must not turn the practitioner's accepted suggestion into an error.
    """
    try:
        return notify_moderators(submission, request)
    except Exception:  # SMTP, DNS, TLS, refused recipients: all only delay the notification
        logger.exception("Could not e-mail the moderators about submission %s", submission.pk)
        return 0
