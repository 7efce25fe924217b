"""Related practices for a practice page: the same capability and country first."""

from django.db.models import Case, Count, IntegerField, Q, When

RELATED_MAX = 5


def related_practices(practice, limit=RELATED_MAX):
    """Up to ``limit`` live practices of the same locale sharing a capability or a country.

    Ranked by: sharing both a capability and a country, then the number of shared capabilities,
    then of shared countries, then title. One query.
    """
    from .models import PracticePage

    capabilities = [c.number for c in practice.capabilities.all()]
    countries = [c.iso2 for c in practice.countries.all()]
    if not capabilities and not countries:
        return []
    return list(
        PracticePage.objects.live()
        .filter(locale_id=practice.locale_id)
        .exclude(translation_key=practice.translation_key)
        .filter(Q(capabilities__number__in=capabilities) | Q(countries__iso2__in=countries))
        .annotate(
            shared_capabilities=Count(
                "capabilities", filter=Q(capabilities__number__in=capabilities), distinct=True
            ),
            shared_countries=Count(
                "countries", filter=Q(countries__iso2__in=countries), distinct=True
            ),
        )
        .annotate(
            both=Case(
                When(Q(shared_capabilities__gt=0) & Q(shared_countries__gt=0), then=1),
                default=0,
                output_field=IntegerField(),
            )
        )
        .order_by("-both", "-shared_capabilities", "-shared_countries", "title")[:limit]
    )
