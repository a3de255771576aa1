"""Tags for what search engines and link previews read."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Inside <script>, only "<" can end the element early; "&" and ">" are escaped too, as
# Django's json_script does.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict | None) -> SafeString:
    if not data:
        return mark_safe("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag(takes_context=True)
def absolute(context, path: str) -> str:
    """The full URL of a path on this site, as the request reached it."""
    return context["request"].build_absolute_uri(path)
