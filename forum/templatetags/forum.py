import re
from datetime import datetime

from django import template
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince

register = template.Library()

BLANK_LINES = re.compile(r"\n\s*\n")


@register.filter(is_safe=True)
def plain_text(text: str) -> SafeString:
    """Members' text as they typed it: paragraphs and line breaks kept, links clickable but
    nofollow, every other character escaped (no HTML of theirs is ever rendered)."""
    paragraphs = [p.strip() for p in BLANK_LINES.split(text.replace("\r\n", "\n")) if p.strip()]
    html = []
    for paragraph in paragraphs:
        linked = urlize(paragraph, trim_url_limit=60, nofollow=True, autoescape=True)
        linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        html.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every part above is escaped by urlize


@register.filter
def ago(moment: datetime) -> str:
    """ "3 days ago": the largest unit only, as lists show it; "just now" within a minute."""
    elapsed = timesince(moment, depth=1)
    return "just now" if elapsed.startswith("0\xa0") else f"{elapsed} ago"


@register.filter
def agreed_by(answer, user) -> bool:
    """Whether `user` (a doctor) agrees with the answer, from its prefetched agreements."""
    return any(agreement.doctor.user_id == user.pk for agreement in answer.agreements.all())


@register.filter
def later(moment: datetime, start: datetime) -> str:
    """How long after `start` a follow-up came: "Later the same day", "3 weeks later".
    Weeks from two weeks on, months from two months on, years from two years on."""
    days = (moment - start).days
    if days < 1:
        return "Later the same day"
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days >= 2 * size:
            return f"{days // size} {unit}s later"
    return f"{days} day{'s' if days > 1 else ''} later"
