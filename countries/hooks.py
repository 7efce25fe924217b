"""What the countries app shows about practices, supplied by a higher app.

``countries`` sits below ``practices`` and may never import it. A higher app (here
``country_coverage``) registers, in its ``AppConfig.ready``:

- a practice counter: ``counter(locale) -> {iso2: number of live practices}``;
- country page sections: ``section(page, request) -> {"template": ..., **context}`` or ``None``,
  rendered in order on each country page.

Without a registered provider, counts are empty and pages have no practice sections.
"""

_practice_counters = []
_page_sections = []


def register_practice_counter(counter):
    _practice_counters[:] = [counter]
    return counter


def register_page_section(section):
    if section not in _page_sections:
        _page_sections.append(section)
    return section


def practice_counts(locale):
    """``{iso2: live practices}`` for ``locale`` (empty without a provider)."""
    if not _practice_counters:
        return {}
    return _practice_counters[0](locale)


def page_sections(page, request):
    sections = []
    for section in _page_sections:
        result = section(page, request)
        if result:
            sections.append(result)
    return sections
