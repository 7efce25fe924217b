from django.core.management.base import BaseCommand

from ocsea.core.backup import export_content


class Command(BaseCommand):
    help = (
        "Write every page (all locales, live and draft, revisions, workflow states), the "
        "taxonomy, submissions, users and groups, and media files to DIR as plain files."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--include-password-hashes",
            action="store_true",
            help="Keep users' password hashes (by default restored users set a new password).",
        )

    def handle(self, directory, include_password_hashes, **options):
        manifest = export_content(directory, include_password_hashes=include_password_hashes)
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} rows of {len(manifest['models'])} models and "
                f"{len(manifest['media'])} media files to {directory}"
            )
        )
