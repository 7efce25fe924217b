from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from countries import views as country_views
from ocsea.core import views as core_views
from opendata import citations as opendata_citations
from opendata import datapackage as opendata_datapackage
from opendata import feeds as opendata_feeds
from opendata import sitemap as opendata_sitemap
from opendata.api import api_router
from practices import views as practice_views

# A database outage answers 503 with a "try again" page in the visitor's language.
handler500 = "ocsea.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", opendata_sitemap.sitemap, name="sitemap"),
    path("robots.txt", opendata_sitemap.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    path("practices/suggest/", practice_views.suggest, name="practice_suggest"),
    path("data/practices.<str:fmt>", practice_views.practices_export, name="practices_export"),
    path(
        "data/practice-evidence.csv",
        practice_views.practice_evidence_export,
        name="practice_evidence_export",
    ),
    path("data/countries.<str:fmt>", country_views.countries_export, name="countries_export"),
    path("data/datapackage.json", opendata_datapackage.datapackage_json, name="datapackage_json"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Translated slug: /fr/proposer-une-pratique/ (locale/fr/LC_MESSAGES/django.po).
    path(_("suggest-a-practice/"), include("submissions.urls")),
    path("", include("country_coverage.urls")),
    # The Atom feed of a practice listing (opendata.feeds); other ".../feed/" paths go on to
    # Wagtail.
    re_path(r"^(?P<path>(?:[^/]+/)+)feed/$", opendata_feeds.listing_feed, name="listing_feed"),
    # A practice's citation: <practice URL>cite.bib, cite.ris, cite.json (CSL-JSON).
    re_path(
        r"^(?P<path>(?:[^/]+/)+)cite\.(?P<fmt>bib|ris|json)$",
        opendata_citations.citation_download,
        name="practice_citation",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
