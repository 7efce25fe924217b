from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from practices.models import PracticePage

        from .forms import PracticePageForm

        # The practices app stays below editorial: the admin form is attached from here.
        PracticePage.base_form_class = PracticePageForm
