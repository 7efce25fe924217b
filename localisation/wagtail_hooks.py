from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import BaseItem
from wagtail.models import Locale, Page

from ocsea.core.reports import PageWorkMenuItem

from .admin_views import translation_review_urls
from .links import translation_links
from .views import TranslationStatusReportView


# Before wagtail-localize's own URLs, which these replace (same paths).
@hooks.register("register_admin_urls", order=-100)
def register_translation_review_urls():
    return translation_review_urls()


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
    return PageWorkMenuItem(
        _("Translation status"),
        reverse("localisation_translation_report"),
        name="translation-status",
        icon_name="globe",
        order=900,
    )


class TranslationLinkItem(BaseItem):
    template_name = "localisation/admin/userbar_translation_item.html"

    def __init__(self, link):
        super().__init__()
        self.link = link


@hooks.register("insert_global_admin_css")
def translation_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("localisation/admin.css"))


@hooks.register("construct_wagtail_userbar")
def add_translation_links_to_userbar(request, items, page):
    """On a source-language page: "Translate into French", or "Edit French translation"."""
    if not isinstance(page, Page) or page.pk is None or page.locale_id != Locale.get_default().pk:
        return
    items.extend(TranslationLinkItem(link) for link in translation_links(request.user, page))
