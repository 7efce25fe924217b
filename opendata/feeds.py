"""Atom feeds of newly published practices: ``/<lang>/practices/feed/``, with any listing's filters.

A feed is the listing pipeline (``practices.listing.run_listing``) sorted by publication date,
newest first, one page long: ``/en/practices/feed/?country=NO&capability=13`` follows exactly
the practices that ``/en/practices/?country=NO&capability=13`` shows.
"""

from django.contrib.syndication.views import Feed
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.views import serve as wagtail_serve

from ocsea.core.absolute import absolute_url
from practices.caching import recognised_parameters
from practices.listing import run_listing
from practices.models import PracticeIndexPage

FEED_SORT = "-published"
# What a feed keeps of a listing's query: its filters and words, not its page, order or format.
NOT_IN_FEED = ("page", "sort", "format")


def feed_parameters(params):
    """The listing parameters of ``params`` that a feed follows (``recognised_parameters`` less
    ``NOT_IN_FEED``)."""
    kept = recognised_parameters(params)
    for key in NOT_IN_FEED:
        kept.pop(key, None)
    return kept


class ListingFeedContext:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.filters = feed_parameters(request.GET)
        params = self.filters.copy()
        params["sort"] = FEED_SORT
        self.listing = run_listing(index, params)

    def listing_url(self):
        url = absolute_url(self.index.get_url(self.request), self.request)
        return f"{url}?{self.filters.urlencode()}" if self.filters else url

    def filter_labels(self):
        selected = self.listing.query.selected
        labels = []
        for facet in self.listing.facets:
            names = [
                o["label"]
                for o in facet["options"]
                if o["value"] in selected.get(facet["param"], [])
            ]
            if names:
                labels.append(f"{facet['label']}: {', '.join(str(n) for n in names)}")
        if self.listing.query.q:
            labels.append(_("Search: “%(q)s”") % {"q": self.listing.query.q})
        return labels


class PracticeFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index):
        return ListingFeedContext(index, request)

    def title(self, obj):
        labels = obj.filter_labels()
        title = _("New practices · OCSEA Practice Atlas")
        return f"{title} ({'; '.join(labels)})" if labels else title

    def subtitle(self, obj):
        return _(
            "Practices against online child sexual exploitation and abuse newly published in "
            "the atlas, newest first."
        )

    def link(self, obj):
        return obj.listing_url()

    def feed_url(self, obj):
        return absolute_url(obj.request.get_full_path(), obj.request)

    def author_name(self):
        return _("OCSEA Practice Atlas")

    def items(self, obj):
        return obj.listing.page.object_list

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(item.get_url(self._request), self._request)

    def item_guid(self, item):
        return absolute_url(item.get_url(self._request), self._request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        keys = item.term_keys
        return keys["country"] + [f"MNR {number}" for number in keys["capability"]]

    def __call__(self, request, *args, **kwargs):
        self._request = request
        return super().__call__(request, *args, **kwargs)


def practice_index_at(request, path):
    """The live practice index of the active language served at ``path``, if any."""
    for index in PracticeIndexPage.objects.live().filter(locale=Locale.get_active()):
        if index.get_url(request) == f"/{get_language()}/{path}":
            return index
    return None


def listing_feed(request, path):
    """``<listing path>feed/``; any other ``.../feed/`` URL is Wagtail's to serve."""
    index = practice_index_at(request, path)
    if index is None:
        return wagtail_serve(request, path + "feed/")
    response = PracticeFeed()(request, index=index)
    patch_cache_control(response, public=True, max_age=300)
    patch_vary_headers(response, ("Cookie",))
    return response
