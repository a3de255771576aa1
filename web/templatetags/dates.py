"""Dates as HTML attributes want them."""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    """A <time datetime> value: 2026-12-02T17:18:12+00:00, to the second, in the time zone the
    page shows times in. Django's |date:'c' adds microseconds, which HTML does not allow (it
    takes three digits of a second at most). A date gives 2026-12-02; anything else, ""."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""
