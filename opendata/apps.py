from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data that tools can read: downloads, feeds, sitemap, data package, citations, API.

    It sits above practices and countries (it reads them; they never import it).
    """

    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from practices import listing

        from .downloads import practice_download

        # Any listing URL answers ?format=csv and ?format=json with its whole result set.
        listing.DOWNLOADS["csv"] = practice_download("csv")
        listing.DOWNLOADS["json"] = practice_download("json")
