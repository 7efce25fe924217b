"""Filtered downloads: a practice listing URL with ``format=csv`` or ``format=json``.

The rows are the listing's whole filtered result set (every page, in the listing's order),
produced by the listing pipeline itself (``practices.listing.run_listing``), in the columns of
``/data/practices.*`` with absolute URLs.
"""

from django.db.models import prefetch_related_objects

from ocsea.core.absolute import absolute_url
from ocsea.core.views import tabular_response
from practices.facets import attach_term_keys
from practices.views import PRACTICE_EXPORT_FIELDS, practice_export_row


def download_rows(listing, request):
    practices = list(listing.results)
    prefetch_related_objects(practices, "tags", "organisations", "sources", "evidence")
    attach_term_keys(practices)
    return [
        {
            **practice_export_row(practice, request),
            "url": absolute_url(practice.get_url(request), request),
        }
        for practice in practices
    ]


def practice_download(fmt):
    def render(index_page, request, listing):
        rows = download_rows(listing, request)
        return tabular_response(
            rows, PRACTICE_EXPORT_FIELDS, fmt, f"practices-{index_page.locale.language_code}"
        )

    return render
