from django.core.management.base import BaseCommand

from editorial.setup import setup_editorial


class Command(BaseCommand):
    help = "Create or update the editorial groups, their permissions and the review workflows."

    def handle(self, *args, **options):
        groups, workflows = setup_editorial()
        self.stdout.write(f"Groups: {', '.join(groups)}; workflows: {', '.join(workflows)}.")
