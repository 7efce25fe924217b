"""The admin reports for the people who work on pages, and their menu items.

Editors, moderators and translators (whoever may add, change or publish a page) see them; one
rule, so that a report and its menu item never disagree.
"""

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

PAGE_WORK_PERMISSIONS = ["add", "change", "publish"]


class PageWorkReportView(ReportView):
    permission_policy = page_permission_policy
    any_permission_required = PAGE_WORK_PERMISSIONS


class PageWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, PAGE_WORK_PERMISSIONS)
