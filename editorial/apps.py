from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from practices.models import PracticePage

        from .forms import PracticePageForm

        # The practice editor gains the publication rules (practices may not import editorial).
        PracticePage.base_form_class = PracticePageForm
