"""Filtered downloads: a practice listing URL with ``format=csv`` or ``format=json``.

The rows are the listing's whole filtered result set (every page, in the listing's order),
produced by the listing pipeline itself (``practices.listing.run_listing``), in the columns of
``/data/practices.*`` with absolute URLs.
"""

from ocsea.core.absolute import absolute_url
from ocsea.core.views import tabular_response
from practices.views import PRACTICE_EXPORT_FIELDS, practice_export_rows


def download_rows(listing, request):
    return [
        {**row, "url": absolute_url(row["url"], request)}
        for row in practice_export_rows(listing.results, request)
    ]


def practice_download(fmt):
    def render(index_page, request, listing):
        rows = download_rows(listing, request)
        return tabular_response(
            rows, PRACTICE_EXPORT_FIELDS, fmt, f"practices-{index_page.locale.language_code}"
        )

    return render
