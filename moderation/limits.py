"""Posting limits per account per hour, stricter for accounts younger than a day.

Counted from the rows themselves (the last hour's questions, answers, reviews and reports),
so every app server agrees and a restart or a cache flush resets nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

WINDOW = timedelta(hours=1)


def _recent(user, model) -> QuerySet:
    return model.posted_by(user).filter(created_at__gte=timezone.now() - WINDOW)


def limit_for(user, kind: str) -> int:
    established, new = settings.POSTING_LIMITS[kind]
    return new if user.is_new else established


def refuse(request: HttpRequest, model) -> HttpResponse | None:
    """A 429 page saying when the member can post again, or None if they may post now.

    `model` is what they are about to post: a kind with a `noun` and `posted_by(user)`."""
    user, kind = request.user, model.noun
    if user.is_moderator:
        return None
    limit = limit_for(user, kind)
    latest = list(
        _recent(user, model).order_by("-created_at").values_list("created_at", flat=True)[:limit]
    )
    if len(latest) < limit:
        return None
    # Once the oldest of the latest `limit` posts leaves the window, one more is allowed.
    # (A limit of 0 switches posting of this kind off: try again in an hour.)
    again = (latest[-1] if latest else timezone.now()) + WINDOW
    context = {
        "limit": limit,
        "noun": kind if limit == 1 else f"{kind}s",
        "again": again,
        "minutes": max(1, round((again - timezone.now()).total_seconds() / 60)),
        "is_new": user.is_new,
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(max(1, int((again - timezone.now()).total_seconds())))
    return response
