"""What a user may do about a page in each language: start its translation, or edit it.

The Translation status report and the userbar on a public page offer these links, so that a
translator reaches wagtail-localize's "Translate" form or the translation editor from where
they are, and never a page they may not open.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import locales_user_may_translate_into


@dataclass
class TranslationLink:
    label: str
    url: str
    language_code: str
    exists: bool


def target_locales_for(user, page):
    return list(
        locales_user_may_translate_into(user).exclude(pk=page.locale_id).order_by("language_code")
    )


def translation_links(user, page, locales=None, translations=None):
    """For each locale ``user`` translates into: "Translate into …" or "Edit … translation".

    ``translations`` maps locale ids to ``page``'s translations (aliases left out: translating
    turns an alias into a real translation); both it and ``locales`` are looked up if omitted.
    """
    if locales is None:
        locales = target_locales_for(user, page)
    if translations is None:
        translations = {
            translation.locale_id: translation
            for translation in page.get_translations().filter(alias_of__isnull=True)
        }
    may_submit = user.has_perm("wagtail_localize.submit_translation")
    links = []
    for locale in locales:
        language = locale.get_display_name()
        translation = translations.get(locale.pk)
        if translation is None and may_submit:
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            links.append(
                TranslationLink(
                    label=_("Translate into %(language)s") % {"language": language},
                    url=f"{url}?{urlencode({'select_locale': locale.language_code})}",
                    language_code=locale.language_code,
                    exists=False,
                )
            )
        elif translation is not None and translation.permissions_for_user(user).can_edit():
            links.append(
                TranslationLink(
                    label=_("Edit %(language)s translation") % {"language": language},
                    url=reverse("wagtailadmin_pages:edit", args=[translation.pk]),
                    language_code=locale.language_code,
                    exists=True,
                )
            )
    return links
