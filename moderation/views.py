from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.permissions import verified_email_required
from doctors.models import DoctorProfile, Review
from forum.models import VISIBLE, Answer, Photo, Question, QuestionUpdate
from forum.permissions import can_view_photos
from moderation import limits, services
from moderation.forms import ReportForm
from moderation.models import PUBLISHED, ModerationStatus


@dataclass(frozen=True)
class Reportable:
    """What the report page needs to know about one kind of item."""

    noun: str
    queryset: models.QuerySet  # the items a member can see, so can report

    def author_id(self, item) -> int:
        match item:
            case Question():
                return item.author_id
            case Answer():
                return item.doctor.user_id
            case Photo():
                return item.question.author_id
            case Review():
                return item.author_id
            case QuestionUpdate():
                return item.question.author_id
        raise TypeError(item)

    def back_url(self, item) -> str:
        match item:
            case Photo():
                return item.question.get_absolute_url()
            case Review():
                return f"{item.doctor.get_absolute_url()}reviews/#review-{item.pk}"
        return item.get_absolute_url()


def _visible_question(prefix: str) -> dict:
    return {f"{prefix}deleted_at__isnull": True, f"{prefix}status": "published"}


REPORTABLE = {
    "question": Reportable("question", Question.objects.filter(VISIBLE)),
    "answer": Reportable(
        "answer",
        Answer.objects.filter(PUBLISHED, **_visible_question("question__")).select_related(
            "question", "doctor"
        ),
    ),
    "photo": Reportable(
        "photo",
        Photo.objects.filter(PUBLISHED, **_visible_question("question__"))
        .exclude(update__status=ModerationStatus.HIDDEN)
        .select_related("question"),
    ),
    "update": Reportable(
        "update",
        QuestionUpdate.objects.filter(PUBLISHED, **_visible_question("question__")).select_related(
            "question"
        ),
    ),
    "review": Reportable(
        "review",
        Review.objects.filter(PUBLISHED, doctor__in=DoctorProfile.objects.public()).select_related(
            "doctor"
        ),
    ),
}


@verified_email_required
@require_http_methods(["GET", "POST"])
def report(request, kind: str, pk: int):
    """Signed-in members report a question, answer, photo or review they can see."""
    if kind not in REPORTABLE:
        raise Http404("Nothing of that kind can be reported.")
    reportable = REPORTABLE[kind]
    item = get_object_or_404(reportable.queryset, pk=pk)
    if isinstance(item, Photo) and not can_view_photos(request.user, item.question):
        raise Http404("No such photo.")
    if reportable.author_id(item) == request.user.pk:
        raise PermissionDenied(f"This {reportable.noun} is yours, so you can't report it.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if refused := limits.refuse(request, "report"):
            return refused
        _, created = services.report_submit(
            reporter=request.user,
            item=item,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(
            request,
            "Thank you for your report. A moderator will review it; the author is not told "
            "who reported it."
            if created
            else f"You have already reported this {reportable.noun}; a moderator will review it.",
        )
        return redirect(reportable.back_url(item))
    context = {
        "form": form,
        "item": item,
        "noun": reportable.noun,
        "back_url": reportable.back_url(item),
    }
    return render(request, "moderation/report.html", context, status=400 if form.is_bound else 200)
