"""Submissions in the admin: moderators (and administrators) only, with "Create draft"."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .drafts import NoPracticeIndex, create_draft_practice, default_practice_index
from .models import Submission


class CreateDraftColumn(Column):
    """A link to turn a new submission into a draft practice (or to the draft once made)."""

    cell_template_name = "submissions/admin/create_draft_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["submission"] = instance
        return context


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = _("Submissions")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "submissions"
    inspect_view_enabled = True
    form_fields = ["status", "moderator_notes"]
    list_display = [
        "title",
        "status",
        "created_at",
        CreateDraftColumn("draft", label=_("Practice")),
    ]
    list_filter = ["status"]
    search_fields = ["title", "description", "organisation"]

    def create_draft_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        submission = get_object_or_404(Submission, pk=pk)
        if submission.practice_id:
            return redirect("wagtailadmin_pages:edit", submission.practice_id)
        try:
            index = default_practice_index()
        except NoPracticeIndex:
            messages.error(request, _("There is no practice index to create the draft in."))
            return redirect(self.get_url_name("index"))
        if not index.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        if request.method == "POST":
            page = create_draft_practice(submission, request.user)
            messages.success(
                request,
                _("Draft practice '%(title)s' created from the submission.")
                % {"title": page.title},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return TemplateResponse(
            request,
            "submissions/admin/confirm_create_draft.html",
            {
                "submission": submission,
                "page_title": _("Create a draft practice"),
                "header_icon": "doc-full-inverse",
                "index_url": reverse(self.get_url_name("index")),
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("create-draft/<int:pk>/", self.create_draft_view, name="create_draft"),
        ]


submission_viewset = SubmissionViewSet("submission_admin")


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset
