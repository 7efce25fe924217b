"""The practice sections of a country page, supplied to ``countries`` through its hooks:
practices grouped by MNR capability, the capabilities with no practice recorded ("who already
does this"), and the report's recommendations concerning those capabilities."""

from django.http import QueryDict

from countries.models import Country, CountryPage
from practices.facets import FACETS_BY_PARAM, attach_term_keys, facet_vocabulary
from practices.models import PracticeIndexPage
from report.models import Recommendation, mark_untranslated, with_capability_names

from .counting import live_practice_ids, practice_listing_url


def listing_link(listing_url, **params):
    if not listing_url:
        return ""
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data[key] = value
    return f"{listing_url}?{data.urlencode()}"


def compare_choices(locale):
    """The countries a Compare form offers, by name."""
    return list(Country.objects.in_locale(locale).order_by("name"))


def country_practices(locale, iso2):
    """The listing's practices for ``?country=<iso2>``, by title, with their term keys."""
    practices = list(
        PracticeIndexPage.live_practices(locale, untranslated=True)
        .filter(pk__in=FACETS_BY_PARAM["country"].practice_ids([iso2]))
        .order_by("title", "pk")
    )
    attach_term_keys(practices)
    return practices


def capability_groups(locale, iso2, listing_url):
    """``(groups, ungrouped, gaps)`` for one country.

    groups: each capability with the country's practices for it; ungrouped: practices with no
    capability; gaps: capabilities with none, each with the count and listing of practices
    recorded for it anywhere (all of them elsewhere, since this country has none).
    """
    practices = country_practices(locale, iso2)
    everywhere = FACETS_BY_PARAM["capability"].counts(live_practice_ids(locale))
    groups, gaps = [], []
    for key, label, domain in facet_vocabulary(locale)["capability"]:
        members = [p for p in practices if key in map(str, p.term_keys["capability"])]
        entry = {"key": key, "label": label, "domain": domain}
        if members:
            entry.update(
                practices=members,
                count=len(members),
                url=listing_link(listing_url, country=iso2, capability=key),
            )
            groups.append(entry)
        else:
            entry.update(
                elsewhere=everywhere.get(key, 0),
                url=listing_link(listing_url, capability=key) if everywhere.get(key) else "",
            )
            gaps.append(entry)
    ungrouped = [p for p in practices if not p.term_keys["capability"]]
    return practices, groups, ungrouped, gaps


def recommendations_for(locale, capability_keys):
    """The report's recommendations naming any of ``capability_keys`` (MNR numbers)."""
    if not capability_keys:
        return []
    numbers = [int(key) for key in capability_keys]
    recommendations = list(
        Recommendation.objects.in_locale(locale)
        .filter(capabilities__number__in=numbers)
        .distinct()
        .prefetch_related("capabilities")
    )
    recommendations = with_capability_names(mark_untranslated(recommendations, locale), locale)
    for recommendation in recommendations:
        recommendation.lacking = [
            term for term in recommendation.capability_terms if term.number in numbers
        ]
    return recommendations


def country_index_section(page, request):
    """Links from the country index to the matrix, the map and Compare."""
    if isinstance(page, CountryPage):
        return None
    return {
        "template": "country_coverage/country_index_links.html",
        "compare_choices": compare_choices(page.locale),
        "compare_slots": ["", "", "", ""],
    }


def country_profile_section(page, request):
    if not isinstance(page, CountryPage):
        return None
    locale = page.locale
    iso2 = page.country.iso2
    listing_url = practice_listing_url(locale, request)
    practices, groups, ungrouped, gaps = capability_groups(locale, iso2, listing_url)
    return {
        "template": "country_coverage/country_practices.html",
        "iso2": iso2,
        "practices": practices,
        "groups": groups,
        "ungrouped": ungrouped,
        "gaps": gaps,
        "recommendations": recommendations_for(locale, [gap["key"] for gap in gaps]),
        "country_listing_url": listing_link(listing_url, country=iso2),
        "compare_choices": compare_choices(locale),
        "compare_slots": [iso2, "", "", ""],
    }
