from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data that tools can read: downloads, feeds, sitemap, data package, citations, API.

    It sits above practices and countries (it reads them; they never import it).
    """

    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from practices import listing
        from practices.models import PracticePage

        from .api import practice_api_fields
        from .downloads import practice_download

        # Any listing URL answers ?format=csv and ?format=json with its whole result set.
        listing.DOWNLOADS["csv"] = practice_download("csv")
        listing.DOWNLOADS["json"] = practice_download("json")

        # The API's practice fields (stable keys, never ids), declared from here because the
        # practices app stays below opendata.
        PracticePage.api_fields = practice_api_fields()
