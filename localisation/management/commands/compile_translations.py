from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.reloader import translation_file_changed

from localisation.catalogues import compile_all


class Command(BaseCommand):
    help = (
        "Compile every locale/*/LC_MESSAGES/django.po into django.mo with Babel "
        "(pure Python: GNU gettext is not needed)."
    )

    def handle(self, *args, **options):
        try:
            compiled = compile_all(settings.BASE_DIR)
        except Exception as error:  # a syntax error in a .po names the file and line
            raise CommandError(f"Could not compile the translations: {error}") from error
        # Forget catalogues loaded before compilation, as Django's autoreloader does when a .mo
        # file changes (django.utils.translation.reloader.translation_file_changed).
        for path in compiled:
            translation_file_changed(sender=self, file_path=path)
            if options["verbosity"]:
                self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
