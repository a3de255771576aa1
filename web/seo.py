"""The page facts link previews and search engines read: canonical address, Open Graph and
Twitter tags, noindex. Views put a `seo` dict in the context; base.html writes the tags."""

from urllib.parse import urlencode

from django.templatetags.static import static
from django.utils.text import Truncator

# What a shared link previews with, unless the page is a doctor's own (their headshot). Never a
# patient's photo, whoever the asker showed it to: a preview travels beyond the site's rules.
SITE_IMAGE = "img/share.png"


def seo(
    path: str,
    title: str,
    description: str,
    *,
    image: str = "",  # a path; the site's image when empty
    kind: str = "website",
    noindex: bool = False,
) -> dict:
    return {
        "path": path,
        "title": title,
        "description": Truncator(" ".join(description.split())).chars(200),
        "image": image or static(SITE_IMAGE),
        "type": kind,
        "noindex": noindex,
    }


def canonical_path(request, *keep: str) -> str:
    """The page's path with only the query parameters that change what it shows
    (page 1 has no ?page=)."""
    params = {key: request.GET[key] for key in keep if request.GET.get(key)}
    if params.get("page") == "1":
        del params["page"]
    return request.path + ("?" + urlencode(params) if params else "")
