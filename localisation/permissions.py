"""Who may translate into which language, and who may publish a translation.

Wagtail has no per-locale permission: a user's page permissions on each locale's tree (its home
page) say where they work. Translators may add and change pages in the other languages' trees,
never publish; moderators may publish everywhere. wagtail-localize checks neither when it
creates a translation or publishes one, so its views are wrapped (``localisation.admin_views``)
with these checks.
"""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import Locale, Page


def locales_user_may_translate_into(user):
    """The locales whose page tree ``user`` may add pages to or change."""
    if user.is_superuser:
        return Locale.objects.all()
    locale_ids = set()
    for home in Page.get_first_root_node().get_children():
        permissions = home.permissions_for_user(user)
        if permissions.can_add_subpage() or permissions.can_edit():
            locale_ids.add(home.locale_id)
    return Locale.objects.filter(pk__in=locale_ids)


def may_publish_target(user, translation):
    """Whether ``user`` may publish ``translation``'s target page (snippets have no review).

    A target page that does not exist yet would be created live: only administrators may.
    """
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:
        return user.is_superuser
    if not isinstance(instance, Page):
        return True
    return instance.permissions_for_user(user).can_publish()
