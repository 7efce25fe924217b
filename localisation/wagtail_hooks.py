from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy

from .views import TranslationStatusReportView


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, TranslationStatusReportView.any_permission_required
        )


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="localisation_translation_report",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="localisation_translation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("localisation_translation_report"),
        name="translation-status",
        icon_name="globe",
        order=900,
    )
