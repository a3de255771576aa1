"""`{% once [value ...] %}...{% endonce %}`: a part of a template that only the code can change
(links made with {% url %}, {% static %} names), rendered once per process for each set of
values given, then reused. Every page's header and footer are mostly such links, and reversing
them costs a third of a millisecond at every member's request.

What goes inside must not depend on anything but the values given: not the user, the request,
a CSRF token or the database. Nothing is kept with DEBUG on, where templates change under a
running server, and what is kept goes when the URL conf or the static files' settings change.
"""

from weakref import WeakKeyDictionary

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe

register = template.Library()

# By node: a template's nodes live as long as the cached template loader keeps the template.
rendered: WeakKeyDictionary = WeakKeyDictionary()
# Values are strings, numbers and booleans, so the kept parts stay a few per template.
SIMPLE = (str, int, float, bool, type(None))


class OnceNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        if settings.DEBUG:
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.values)
        if not all(isinstance(value, SIMPLE) for value in values):
            raise template.TemplateSyntaxError(
                f"{{% once %}} takes strings, numbers and booleans, not {values!r}"
            )
        kept = rendered.setdefault(self, {})
        html = kept.get(values)
        if html is None:
            html = kept[values] = self.nodelist.render(context)
        return mark_safe(html)  # noqa: S308 (the template's own rendering, already escaped)


@register.tag
def once(parser, token):
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist, values)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "STATIC_URL", "STORAGES", "DEBUG"}:
        rendered.clear()
