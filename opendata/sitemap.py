"""``/sitemap.xml``: every live, public page of every language, with its hreflang alternates.

Wagtail's sitemap (``wagtail.contrib.sitemaps``) lists the default site's tree only, which is
one language; this one lists each language's tree and gives every URL the live translations of
its page as ``<xhtml:link rel="alternate" hreflang>`` (Django's sitemap template), plus
``x-default`` (the source language), as the pages' own ``<link rel="alternate">`` do.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page

from ocsea.core.absolute import absolute_url


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


class LocalisedSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree, locale__language_code__in=language_codes())
            .select_related("locale")
            .order_by("locale__language_code", "path")
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        versions = defaultdict(dict)
        translations = (
            Page.objects.live()
            .public()
            .filter(
                translation_key__in={item.translation_key for item in items},
                locale__language_code__in=language_codes(),
            )
            .select_related("locale")
        )
        for translation in translations:
            code = translation.locale.language_code
            versions[translation.translation_key][code] = absolute_url(
                translation.get_url(self.request), self.request
            )
        urls = []
        for item in items:
            by_language = versions[item.translation_key]
            alternates = []
            if len(by_language) > 1:
                alternates = [
                    {"lang_code": code, "location": by_language[code]}
                    for code in language_codes()
                    if code in by_language
                ]
                if settings.LANGUAGE_CODE in by_language:
                    alternates.append(
                        {"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]}
                    )
            urls.append(
                {
                    "item": item,
                    "location": by_language.get(item.locale.language_code)
                    or absolute_url(item.get_url(self.request), self.request),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates,
                }
            )
        self.latest_lastmod = max((url["lastmod"] for url in urls if url["lastmod"]), default=None)
        return urls


@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap_view(request, {"pages": LocalisedSitemap})


# The site's own paths that no crawler needs (the admin, form posts, search suggestions).
ROBOTS_DISALLOW = ["/admin/", "/django-admin/", "/practices/suggest/"]


@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'), request)}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
