"""How each indicator of the report reads on the site: locale-aware numbers, shares that never
read as zero ("< 0.01 %"), scores out of their maximum, and the organisation behind each one."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Who produced each indicator, as the report names them (its figure captions and footnotes).
ORGANISATIONS = {
    "enoc_membership": "ENOC",
    "other_reported_ombudsperson": gettext_lazy("Lanzarote Committee"),
    "icmec_csam_score": "ICMEC",
    "icmec_grooming_score": "ICMEC",
    "ncmec_reports_2019": "NCMEC",
    "ncmec_share_2019_percent": "NCMEC",
    "ncmec_reports_2020": "NCMEC",
    "ncmec_share_2020_percent": "NCMEC",
    "ncmec_change_percent": "NCMEC",
    "crin_access_to_justice_score": "CRIN",
    "crin_access_to_justice_percent": "CRIN",
    "minimum_age_criminal_responsibility": "CRIN",
}
SCORE_MAXIMUM = {
    "icmec_csam_score": 5,
    "icmec_grooming_score": 5,
    "crin_access_to_justice_score": 261,
}
SHARES = {"ncmec_share_2019_percent", "ncmec_share_2020_percent"}
# The report prints shares with two decimals: 0.00 means below 0.005 %.
SMALLEST_PRINTED_SHARE = Decimal("0.01")


def number(value, decimals=None):
    """A number in the active language's format, grouped by thousands."""
    if isinstance(value, Decimal) and decimals is None:
        decimals = 0 if value == value.to_integral_value() else max(0, -value.as_tuple().exponent)
        value = value.normalize() if decimals == 0 else value
    elif decimals is not None:  # number_format cuts extra decimals off: round them first
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value, decimals=2, signed=False):
    text = number(value, decimals)
    if signed and value > 0:
        text = "+" + text
    elif signed and value < 0:
        text = "−" + text.lstrip("-")
    return _("%(number)s %%") % {"number": text}


def display(name, value):
    """The indicator ``name``'s ``value`` as text, or ``""`` when the report gives none."""
    if value is None or value == "":
        return ""
    if name in SHARES:
        if value < SMALLEST_PRINTED_SHARE:
            return _("< %(number)s %%") % {"number": number(SMALLEST_PRINTED_SHARE, 2)}
        return percent(value)
    if name == "ncmec_change_percent":
        return percent(value, signed=True)
    if name == "crin_access_to_justice_percent":
        return percent(value, 1)
    if name in SCORE_MAXIMUM:
        return _("%(score)s out of %(maximum)s") % {
            "score": number(value),
            "maximum": SCORE_MAXIMUM[name],
        }
    if isinstance(value, int | Decimal):
        return number(value)
    return str(value)


def numeric(value):
    """A float for comparisons and charts, or None (text ages such as "14-16" are None)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return float(value) if value.isdigit() else None
    return float(value)
