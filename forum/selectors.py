"""Reads with rules: what a question page and a doctor's dashboard show to whom. Views add
forms and render; who sees what is decided here and in the models' `visible_to(user)`."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from doctors.models import DoctorProfile, Review
from doctors.permissions import can_answer, is_verified_doctor
from forum import triage
from forum.models import (
    AnswerAgreement,
    AnswerVote,
    Photo,
    Question,
    QuestionFollow,
    QuestionQuerySet,
    QuestionUpdate,
    sees_hidden,
)
from forum.permissions import can_view_photos, who_can_view


def detail_questions(user) -> QuestionQuerySet:
    """Questions `user` may open, with what their page shows: treatments, their own photos,
    and the follow-ups with theirs (hidden ones too: question_page decides who sees them)."""
    return (
        Question.objects.visible_to(user)
        .select_related("author")
        .prefetch_related(
            "treatments",
            Prefetch("photos", queryset=Photo.objects.filter(update__isnull=True)),
            Prefetch("updates", queryset=QuestionUpdate.objects.prefetch_related("photos")),
        )
    )


def agreements_prefetch() -> Prefetch:
    return Prefetch(
        "agreements",
        queryset=AnswerAgreement.objects.select_related("doctor").only(
            "id",
            "answer",
            "doctor__id",
            "doctor__user_id",
            "doctor__name",
            "doctor__credentials",
            "doctor__slug",
        ),
    )


def question_page(user, question: Question, answer_order: list[str]) -> dict:
    """What `user` sees of `question` (loaded by detail_questions): its answers in
    `answer_order`, follow-ups and photos, and what they may do there."""
    answers = list(
        question.answers.visible_to(user)
        .with_doctor()
        .prefetch_related(agreements_prefetch())
        .order_by(*answer_order)
    )
    voted = set()
    if user.is_authenticated and answers:
        voted = set(
            AnswerVote.objects.filter(user=user, answer__in=answers).values_list(
                "answer_id", flat=True
            )
        )
    may_answer = can_answer(user)
    own_answer = None
    if may_answer:
        own_answer = next((a for a in answers if a.doctor.user_id == user.pk), None)
    show_hidden = sees_hidden(user, question.author_id)
    is_author = user.is_authenticated and user.pk == question.author_id
    updates = [update for update in question.updates.all() if show_hidden or not update.is_hidden]
    for update in updates:
        update.shown_photos = [
            photo for photo in update.photos.all() if show_hidden or not photo.is_hidden
        ]
    following = (
        user.is_authenticated and not is_author and question.follows.filter(user=user).exists()
    )
    # Answers moderators removed that this viewer does not see: the page says so, rather than
    # leave the asker (who was emailed about them) looking for them.
    removed = question.removed_answer_count - sum(answer.is_hidden for answer in answers)
    return {
        "question": question,
        "answers": answers,
        "answer_total": sum(not answer.is_hidden for answer in answers),
        "removed_answers": max(removed, 0),
        "voted": voted,
        "own_answer": own_answer,
        "may_answer": may_answer,
        "user_can_agree": may_answer,
        "is_author": is_author,
        "following": following,
        "urgent": triage.advice_for(question.urgent_reasons) if is_author else [],
        "flag_urgent": question.is_urgent
        and user.is_authenticated
        and (is_verified_doctor(user) or user.is_moderator),
        "photos": [p for p in question.photos.all() if show_hidden or not p.is_hidden],
        "updates": updates,
        "can_view_photos": can_view_photos(user, question),
        "who_can_view": who_can_view(question),
    }


def doctor_dashboard(profile: DoctorProfile) -> dict:
    """A doctor's questions to look at: possibly urgent ones of the last week (asked, edited
    or followed up) whatever the treatment, unanswered ones in the treatments they follow,
    the newest; and their own latest answers."""
    followed = list(profile.followed_treatments.all())
    listed = Question.objects.for_listing()
    return {
        "followed": followed,
        "to_answer": listed.unanswered()
        .filter(tagged_items__tag__in=followed)
        .exclude(answers__doctor=profile)
        .distinct()
        .order_by("-created_at")[:10]
        if followed
        else [],
        "newest": listed.order_by("-created_at")[:10],
        "urgent": listed.exclude(urgent_reasons=[])
        .filter(updated_at__gte=timezone.now() - timedelta(days=7))
        .order_by("-updated_at")[:10],
        # Hidden ones too, marked: the doctor reads why.
        "my_answers": profile.answers.visible_to(profile.user)
        .select_related("question")
        .order_by("-created_at")[:10],
    }


ACTIVITY_ITEMS = 20


def latest(queryset) -> tuple[list, bool]:
    """The first ACTIVITY_ITEMS rows, and whether there are more (one query)."""
    rows = list(queryset[: ACTIVITY_ITEMS + 1])
    return rows[:ACTIVITY_ITEMS], len(rows) > ACTIVITY_ITEMS


def my_activity(user) -> dict:
    """A member's own questions, follow-ups, reviews and followed questions, newest first, the
    latest ACTIVITY_ITEMS of each: one query a list."""
    questions = Question.objects.filter(author=user, deleted_at__isnull=True).order_by(
        "-created_at", "-id"
    )
    updates = (
        QuestionUpdate.objects.filter(question__author=user, question__deleted_at__isnull=True)
        .select_related("question")
        .order_by("-created_at", "-id")
    )
    reviews = Review.objects.filter(author=user).select_related("doctor").order_by("-created_at")
    follows = (
        QuestionFollow.objects.filter(user=user)
        .filter(question__in=Question.objects.visible_to(user))
        .select_related("question")
        .order_by("-created_at", "-id")
    )
    sections = {"questions": questions, "updates": updates, "reviews": reviews}
    sections["follows"] = follows
    context = {"shown": ACTIVITY_ITEMS}
    for name, queryset in sections.items():
        context[name], context[f"more_{name}"] = latest(queryset)
    return context
