from django.core.management.base import BaseCommand

from editorial.setup import WORKFLOW_NAME, setup_editorial


class Command(BaseCommand):
    help = "Create or update the editorial groups, their permissions and the review workflow."

    def handle(self, *args, **options):
        groups, workflow = setup_editorial()
        self.stdout.write(f"Groups: {', '.join(groups)}; workflow: {WORKFLOW_NAME}.")
