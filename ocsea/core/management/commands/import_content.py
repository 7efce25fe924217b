from django.core.management.base import BaseCommand, CommandError

from ocsea.core.backup import NotEmpty, import_content


class Command(BaseCommand):
    help = "Restore a directory written by export_content into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        try:
            manifest = import_content(directory)
        except (NotEmpty, ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(self.style.SUCCESS(f"Imported {rows} rows from {directory}"))
