"""Template helpers for open data links: the feed of the listing being shown."""

from django import template

from opendata.feeds import feed_parameters

register = template.Library()


@register.simple_tag(takes_context=True)
def listing_feed_url(context):
    """The Atom feed of the listing shown, with the same filters (``.../feed/?country=NO``)."""
    request = context["request"]
    params = feed_parameters(request.GET)
    url = context["page"].get_url(request) + "feed/"
    return f"{url}?{params.urlencode()}" if params else url


@register.simple_tag(takes_context=True)
def practice_citation(context, page):
    """The citation of a practice page and its schema.org JSON-LD (``opendata.citations``)."""
    from opendata.citations import citation_data, json_ld, json_ld_script_content

    request = context["request"]
    return {
        **citation_data(page, request),
        "json_ld": json_ld_script_content(json_ld(page, request)),
    }
