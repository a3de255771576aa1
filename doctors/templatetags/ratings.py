from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def half_stars(average: Decimal | None) -> int:
    """The average rounded to the nearest half star, times ten: 4.4 -> 45 (for the drawing)."""
    if average is None:
        return 0
    return int(round(float(average) * 2)) * 5


@register.filter
def one_decimal(average: Decimal | None) -> str:
    """ "4.4": ratings are shown with one decimal, as on the sample page."""
    return "" if average is None else f"{float(average):.1f}"


@register.filter
def share(part: int, whole: int) -> int:
    """part as a whole percentage of whole, for the histogram's bars."""
    return round(100 * part / whole) if whole else 0
