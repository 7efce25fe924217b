"""Wagtail's ``publish_scheduled``, with the publication rules applied first.

A scheduled revision of a practice that breaks the rules is refused before Wagtail publishes
the others: it stays unpublished, its schedule is cleared (so it is not tried again every run),
the refusal is written to the page's history and to stderr, and every other due revision is
published as usual. (This command replaces Wagtail's because ``editorial`` comes before
``wagtail`` in ``INSTALLED_APPS``.)
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from editorial.publishing import REFUSED_LOG_ACTION, refusal


class Command(WagtailCommand):
    help = "Publish the scheduled revisions that are due, refusing those that break the rules."

    def handle(self, *args, **options):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now()).order_by(
            "approved_go_live_at"
        )
        for revision in due:
            found = refusal(revision.as_object())
            if found is None:
                continue
            if options["dryrun"]:
                self.stdout.write(f"Would refuse: {found}")
                continue
            with transaction.atomic():
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                log(
                    instance=found.practice,
                    action=REFUSED_LOG_ACTION,
                    revision=revision,
                    data={"reason": str(found.reason)},
                )
            self.stderr.write(f"Scheduled publication refused: {found}")
        super().handle(*args, **options)
