from django import template

from web import slots

register = template.Library()


@register.simple_tag
def slot(name: str, *numbers: int) -> str:
    """A per-viewer part of a page kept for a whole audience: see web/slots.py."""
    return slots.mark(name, *numbers)
