"""The facet options of the listing, rendered in Python.

A listing page shows up to about 150 facet options. Through an ``{% include %}`` each, or
``format_html`` with its escaping of every argument, they cost more than the whole listing
pipeline (measured by ``make bench``); here each value and label is escaped once.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def facet_options(facet, options):
    """``<li>`` of each of ``options`` (dicts of ``value``, ``label``, ``count``, ``selected``)
    of ``facet``: a checkbox named by the facet's parameter, labelled with the option's count."""
    param = escape(str(facet["param"]))
    results = escape(_("results"))
    items = []
    for option in options:
        value = escape(str(option["value"]))
        empty = "" if option["count"] else " is-empty"
        checked = " checked" if option["selected"] else ""
        items.append(
            f'<li class="facet__option{empty}"><input type="checkbox" id="f-{param}-{value}" '
            f'name="{param}" value="{value}"{checked}><label for="f-{param}-{value}">'
            f'{escape(str(option["label"]))} <span class="count">({int(option["count"])}'
            f'<span class="visually-hidden"> {results}</span>)</span></label></li>\n'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value is escaped above
