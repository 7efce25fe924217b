from django.apps import AppConfig


class CountryCoverageConfig(AppConfig):
    """Countries × practices: the coverage matrix, Compare, the map and the country profiles'
    practice sections. It sits above ``practices`` and ``countries`` and tells ``countries``
    about practices through ``countries.hooks``."""

    name = "country_coverage"
    verbose_name = "Country coverage"

    def ready(self):
        from countries import hooks

        from .counting import practice_counts_by_country
        from .profile import country_index_section, country_profile_section

        hooks.register_practice_counter(practice_counts_by_country)
        hooks.register_page_section(country_index_section)
        hooks.register_page_section(country_profile_section)
