"""Pages that are the same for a whole audience but for a few small parts: the rest is kept
rendered, and those parts are written at each request.

A template marks each per-viewer part with `{% slot "name" number ... %}`, which writes an HTML
comment such as `<!--slot:vote 12 3-->`. `fill()` replaces every mark with what the view's filler
of that name returns for those numbers (a vote button in the viewer's state, their CSRF token).
No visitor's text can forge a mark: everything they write is escaped, "<" included. Arguments
are whole numbers only, so a mark can carry ids and counts, never text.
"""

import re
from collections.abc import Callable, Mapping

from django.utils.safestring import SafeString, mark_safe

MARK = re.compile(r"<!--slot:([a-z_]+)((?: -?\d+)*)-->")

Filler = Callable[..., str]


def mark(name: str, *numbers: int) -> SafeString:
    if not re.fullmatch(r"[a-z_]+", name):
        raise ValueError(f"A slot's name is lower-case letters and _, not {name!r}")
    text = "<!--slot:" + name + "".join(f" {int(n)}" for n in numbers) + "-->"
    return mark_safe(text)  # noqa: S308 (a checked name and whole numbers)


def fill(html: str, fillers: Mapping[str, Filler]) -> SafeString:
    """`html` with every mark replaced; a mark with no filler is a bug, and raises KeyError."""

    def one(match: re.Match) -> str:
        return fillers[match[1]](*(int(n) for n in match[2].split()))

    return mark_safe(MARK.sub(one, html))  # noqa: S308 (the template's own output, and fillers')


def names(html: str) -> set[str]:
    return {match[1] for match in MARK.finditer(html)}
