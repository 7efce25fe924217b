"""wagtail-localize's admin views, with the checks it leaves out, and "Submit for review".

wagtail-localize lets anyone with its ``submit_translation`` permission translate into any
locale and publish every translation of a page ("Sync translated pages" with "Publish
immediately"), and lets anyone who may edit a translation turn it into an alias of its source.
These views replace its URLs (``localisation.wagtail_hooks`` registers them first) and refuse,
in the admin's message style, what the user's page permissions do not allow.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .permissions import locales_user_may_translate_into, may_publish_target
from .review import (
    ReviewRefused,
    save_translation_draft,
    submit_translation_for_review,
    untranslated_segment_count,
)


class OwnLocalesOnly:
    """Offer only the locales whose tree the user works in (never, for a translator, English)."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(
            pk__in=locales_user_may_translate_into(self.request.user).values("pk")
        )
        return form


class GuardedSubmitPageTranslationView(OwnLocalesOnly, SubmitPageTranslationView):
    pass


class GuardedSubmitSnippetTranslationView(OwnLocalesOnly, SubmitSnippetTranslationView):
    pass


PUBLISH_REFUSED = gettext_lazy(
    "Only moderators publish translations. Sync without publishing, then submit each "
    "translation for review from its editor."
)


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages": publishing at once only for users who may publish every one."""

    def may_publish(self):
        return all(
            may_publish_target(self.request.user, translation)
            for translation in self.object.translations.filter(enabled=True)
        )

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            field = form.fields["publish_translations"]
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.may_publish():
            messages.info(self.request, PUBLISH_REFUSED)
        return context

    def post(self, request, **kwargs):
        wants_publish = request.POST.get("publish_translations") not in (None, "", "false")
        if wants_publish and not self.may_publish():
            messages.error(request, PUBLISH_REFUSED)
            return redirect(request.get_full_path())
        return super().post(request, **kwargs)


def convert_to_alias(request, page_id):
    """An alias shows its source's live content at once: only for those who may publish."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not page.permissions_for_user(request.user).can_publish():
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        messages.error(
            request,
            _(
                "Only moderators may turn a translation into an alias of its source: the "
                "alias would show the source's content without review."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return convert.convert_to_alias(request, page_id)


def _check_may_edit(request, instance):
    if not isinstance(instance, Page) or not instance.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return instance


def _target_page(request, translation):
    return _check_may_edit(request, translation.get_target_instance())


@require_POST
def stop_translation(request, translation_id):
    """Stop syncing, keeping the translated text: it is saved as a draft of the page first."""
    translation = get_object_or_404(Translation, id=translation_id)
    instance = translation.get_target_instance()
    if not isinstance(instance, Page):
        return edit_translation.stop_translation(request, translation_id)
    _check_may_edit(request, instance)
    with transaction.atomic():
        try:
            save_translation_draft(translation, request.user)
        except ReviewRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("wagtailadmin_pages:edit", instance.pk)
        return edit_translation.stop_translation(request, translation_id)


def _report_untranslated(request, translation):
    missing = untranslated_segment_count(translation)
    if missing:
        messages.warning(
            request,
            ngettext(
                "%(count)s text is not translated yet: it stays in the source language.",
                "%(count)s texts are not translated yet: they stay in the source language.",
                missing,
            )
            % {"count": missing},
        )


@require_POST
def save_translation(request, translation_id):
    """ "Save draft" in the translation editor: the segments become a draft of the page."""
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    page = _target_page(request, translation)
    try:
        page = save_translation_draft(translation, request.user)
    except ReviewRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Saved a draft of '%(title)s'. It is not live.") % {"title": page.title},
        )
        _report_untranslated(request, translation)
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def submit_translation(request, translation_id):
    """ "Submit for review": save the draft and start the translation review workflow."""
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    page = _target_page(request, translation)
    try:
        page, state = submit_translation_for_review(translation, request.user)
    except ReviewRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("'%(title)s' was submitted for review (%(workflow)s). A moderator publishes it.")
            % {"title": page.title, "workflow": state.workflow.name},
        )
        _report_untranslated(request, translation)
    return redirect("wagtailadmin_pages:edit", page.pk)


def translation_review_urls():
    """The URLs that replace wagtail-localize's, and the editor's save and submit actions."""
    from django.urls import path

    return [
        path(
            "localize/submit/page/<int:page_id>/",
            GuardedSubmitPageTranslationView.as_view(),
            name="localisation_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            GuardedSubmitSnippetTranslationView.as_view(),
            name="localisation_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
            name="localisation_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="localisation_convert_to_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            stop_translation,
            name="localisation_stop_translation",
        ),
        path(
            "translations/<int:translation_id>/save/",
            save_translation,
            name="localisation_save_translation",
        ),
        path(
            "translations/<int:translation_id>/submit/",
            submit_translation,
            name="localisation_submit_translation",
        ),
    ]
