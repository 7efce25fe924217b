from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from countries import views as country_views
from ocsea.core import views as core_views
from practices import views as practice_views

# A database outage answers 503 with a "try again" page in the visitor's language.
handler500 = "ocsea.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("practices/suggest/", practice_views.suggest, name="practice_suggest"),
    path("data/practices.<str:fmt>", practice_views.practices_export, name="practices_export"),
    path(
        "data/practice-evidence.csv",
        practice_views.practice_evidence_export,
        name="practice_evidence_export",
    ),
    path("data/countries.<str:fmt>", country_views.countries_export, name="countries_export"),
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
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
