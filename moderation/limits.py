"""Posting limits per account per hour, stricter for accounts younger than a day.

Counted from the rows themselves (the last hour's questions, answers, reviews and reports),
so every app server agrees and a restart or a cache flush resets nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

WINDOW = timedelta(hours=1)
NOUNS = {
    "question": ("question", "questions"),
    "answer": ("answer", "answers"),
    "review": ("review", "reviews"),
    "report": ("report", "reports"),
    "update": ("update", "updates"),
}


def _recent(user, kind: str):
    from doctors.models import Review
    from forum.models import Answer, Question, QuestionUpdate
    from moderation.models import Report

    since = timezone.now() - WINDOW
    match kind:
        case "question":
            rows = Question.objects.filter(author=user)
        case "answer":
            rows = Answer.objects.filter(doctor__user=user)
        case "review":
            rows = Review.objects.filter(author=user)
        case "report":
            rows = Report.objects.filter(reporter=user)
        case "update":
            rows = QuestionUpdate.objects.filter(question__author=user)
        case _:
            raise ValueError(f"No posting limit for {kind!r}")
    return rows.filter(created_at__gte=since)


def limit_for(user, kind: str) -> int:
    established, new = settings.POSTING_LIMITS[kind]
    return new if user.is_new else established


def refuse(request: HttpRequest, kind: str) -> HttpResponse | None:
    """A 429 page saying when the member can post again, or None if they may post now."""
    user = request.user
    if user.is_moderator:
        return None
    limit = limit_for(user, kind)
    latest = list(
        _recent(user, kind).order_by("-created_at").values_list("created_at", flat=True)[:limit]
    )
    if len(latest) < limit:
        return None
    # Once the oldest of the latest `limit` posts leaves the window, one more is allowed.
    # (A limit of 0 switches posting of this kind off: try again in an hour.)
    again = (latest[-1] if latest else timezone.now()) + WINDOW
    singular, plural = NOUNS[kind]
    context = {
        "limit": limit,
        "noun": singular if limit == 1 else plural,
        "again": again,
        "minutes": max(1, round((again - timezone.now()).total_seconds() / 60)),
        "is_new": user.is_new,
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(max(1, int((again - timezone.now()).total_seconds())))
    return response
