"""Show a refused publication to the person who asked, in the admin's own message style."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from practices.publication import PublicationRefused


def back_url(request, practice):
    """Where the person came from (a safe ``next`` or referrer), else the practice's edit page."""
    for candidate in (
        request.POST.get("next"),
        request.GET.get("next"),
        request.META.get("HTTP_REFERER"),
    ):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
    if practice.pk:
        return reverse("wagtailadmin_pages:edit", args=[practice.pk])
    return reverse("wagtailadmin_home")


class PublicationRefusedMiddleware:
    """Turn ``PublicationRefused`` from any admin route into an error message and a redirect.

    The routes that publish through ``Revision.publish()`` without a form of their own (workflow
    approval from the dashboard, wagtail-localize's publish and sync) let the refusal through;
    it is raised before anything changed (or inside the route's transaction), so there is
    nothing to undo here. A modal (the review panel's "Approve with comment") gets the JSON
    reply Wagtail's modal workflow expects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublicationRefused):
            return None
        practice = exception.practice
        buttons = []
        if practice.pk:
            buttons.append(
                messages.button(reverse("wagtailadmin_pages:edit", args=[practice.pk]), _("Edit"))
            )
        messages.error(request, exception.message, buttons=buttons)
        url = back_url(request, practice)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)
