"""The admin's "Translation status" report: practices by language, stale translations first."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.widgets.button import Button

from ocsea.core.reports import PageWorkReportView
from practices.models import PracticePage

from .links import target_locales_for, translation_links
from .status import practice_translation_statuses


class PracticeTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The practice's title (linked to its edit page only for those who may edit it), with the
    links to translate it or to edit its translations that the user may follow beneath it."""

    def get_buttons(self, instance, parent_context):
        return [
            Button(link.label, link.url, priority=order)
            for order, link in enumerate(instance.translation_links)
        ]


def _codes(codes):
    return ", ".join(codes) if codes else "—"


class TranslationStatusReportView(PageWorkReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "localisation_translation_report"
    index_results_url_name = "localisation_translation_report_results"
    paginate_by = 100
    list_export = ["title", "translated_into", "missing_in", "out_of_date_in", "demo_in"]
    export_headings = {
        "title": _("Practice"),
        "translated_into": _("Translated into"),
        "missing_in": _("Not translated into"),
        "out_of_date_in": _("Out of date with the English source in"),
        "demo_in": _("Demo translation (fixtures/translations) in"),
    }
    columns = [
        PracticeTitleColumn("title", label=_("Practice"), get_url=lambda page: page.edit_url),
        Column("translated_into", label=_("Translated into")),
        Column("missing_in", label=_("Not translated into")),
        Column("out_of_date_in", label=_("Out of date with the English source in")),
        Column("demo_in", label=_("Demo translation (fixtures/translations) in")),
    ]

    def get_queryset(self):
        return PracticePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
            "title"
        )

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        draft = _("draft")
        user = self.request.user
        locales = target_locales_for(user, pages[0]) if pages else []
        for page, status in zip(pages, practice_translation_statuses(pages), strict=True):
            page.edit_url = (
                reverse("wagtailadmin_pages:edit", args=[page.pk])
                if page.permissions_for_user(user).can_edit()
                else None
            )
            page.translation_links = translation_links(
                user,
                page,
                locales,
                {
                    s.page.locale_id: s.page
                    for s in status.translations
                    if s.page.alias_of_id is None
                },
            )
            page.translated_into = _codes(
                [s.code if s.live else f"{s.code} ({draft})" for s in status.translations]
            )
            page.missing_in = _codes(status.missing)
            page.out_of_date_in = _codes(status.out_of_date)
            page.demo_in = _codes(status.demo)
        return pages
