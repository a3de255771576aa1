"""Reads with rules: what a question page and a doctor's dashboard show to whom. Views add
forms and render; who sees what is decided here and in the models' `visible_to(user)`."""

import re
from datetime import timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Func, Prefetch, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from doctors import selectors as doctor_selectors
from doctors.models import DoctorProfile, Review, Status
from doctors.permissions import can_answer, is_verified_doctor
from forum import search, triage
from forum.models import (
    AnswerAgreement,
    AnswerVote,
    DoctorTreatment,
    Photo,
    Question,
    QuestionFollow,
    QuestionQuerySet,
    QuestionUpdate,
    sees_hidden,
)
from forum.permissions import can_view_photos, who_can_view
from treatments.models import Treatment, TreatmentFollow

# What a treatment's page shows above its list of questions.
HUB_REVIEWS = 3
HUB_DOCTORS = 6
HUB_TOP_QUESTIONS = 5
# What a doctor's card on it shows (as DoctorProfileQuerySet.for_cards, through another model).
DOCTOR_CARD_FIELDS = [
    "id", "slug", "name", "credentials", "city", "region", "specialty", "headshot_key",
    "headshot_width", "headshot_height", "review_count", "rating_average", "status", "user_id",
]  # fmt: skip


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
        "answering_doctors": answering_doctors(answers),
        "related": related_questions(question),
    }


def answering_doctors(answers) -> list[DoctorProfile]:
    """The doctors of the shown answers, in the answers' order (their rows came with them)."""
    return [answer.doctor for answer in answers if not answer.is_hidden]


# How many related questions the question page lists, and how many of each of its treatments'
# newest questions are the candidates they are chosen from: the candidates come through the
# treatment pages' own index, so the ranking reads at most 5 x RELATED_CANDIDATES rows however
# many questions a treatment has.
RELATED_SHOWN = 5
RELATED_CANDIDATES = 20
TITLE_WORD = re.compile(r"[^\W\d_]{3,}")


class InArrays(Func):
    """`pk = ANY(ARRAY(...) || ARRAY(...))`: PostgreSQL runs each subquery once, then looks
    the ids up in the primary key's index. (`pk IN (...) OR pk IN (...)` would read the whole
    table: it cannot turn an OR of subqueries into index lookups.)"""

    output_field = BooleanField()

    def __init__(self, subqueries):
        arrays = [ArraySubquery(subquery) for subquery in subqueries]
        super().__init__(F("pk"), *arrays)

    def as_sql(self, compiler, connection, **extra):
        (pk, pk_params), *arrays = [compiler.compile(part) for part in self.source_expressions]
        sql = " || ".join(array_sql for array_sql, _ in arrays)
        return f"{pk} = ANY({sql})", (*pk_params, *(p for _, params in arrays for p in params))


def one_of(subqueries) -> Q | InArrays:
    """Rows whose pk one of these (small, sliced) subqueries of pks gives."""
    if connection.vendor == "postgresql":
        return InArrays(subqueries)
    candidates = Q()
    for subquery in subqueries:
        candidates |= Q(pk__in=subquery)
    return candidates


def related_questions(question: Question, limit: int = RELATED_SHOWN) -> list[Question]:
    """Other questions the public sees that share `question`'s treatments: the most shared
    treatments first, then (on PostgreSQL) the closest in words to its title, then answered
    before unanswered, then the newest. One query. Questions their askers keep out of search
    engines are left out: a list on other questions' pages would show them far more widely
    than their place in the lists does."""
    treatments = [treatment.pk for treatment in question.treatments.all()]  # prefetched
    if not treatments:
        return []
    shown = Question.objects.visible().filter(noindex=False).exclude(pk=question.pk)
    newest = [
        shown.filter(tagged_items__tag=treatment)
        .order_by("-created_at", "-id")
        .values("pk")[:RELATED_CANDIDATES]
        for treatment in treatments
    ]
    related = (
        shown.filter(one_of(newest))
        .annotate(
            shared=Count("tagged_items", filter=Q(tagged_items__tag__in=treatments)),
            answered=ExpressionWrapper(Q(answer_count__gt=0), output_field=BooleanField()),
        )
        .only("id", "title", "slug", "answer_count", "photo_count", "created_at")
    )
    order = [F("shared").desc()]
    if connection.vendor == "postgresql" and (words := TITLE_WORD.findall(question.title)):
        # Any of the title's words, stemmed, stop words dropped by the text search itself.
        words_query = SearchQuery(
            " or ".join(words[: search.MAX_TERMS]), search_type="websearch", config=search.CONFIG
        )
        related = related.annotate(closeness=SearchRank(F("search_vector"), words_query))
        order.append(F("closeness").desc(nulls_last=True))
    order += [F("answered").desc(), F("created_at").desc(), F("id").desc()]
    return list(related.order_by(*order)[:limit])


def doctor_dashboard(profile: DoctorProfile) -> dict:
    """A doctor's questions to look at: possibly urgent ones of the last week (asked, edited
    or followed up) whatever the treatment, unanswered ones in the treatments they follow,
    the newest; and their own latest answers."""
    followed = list(profile.followed_treatments.all())
    listed = Question.objects.for_listing()
    # Lazy: the dashboard keeps its lists rendered, and building a queryset costs time too.
    return {
        "followed": followed,
        "to_answer": SimpleLazyObject(
            lambda: (
                listed.unanswered()
                .filter(tagged_items__tag__in=followed)
                .exclude(answers__doctor=profile)
                .distinct()
                .order_by("-created_at")[:10]
                if followed
                else []
            )
        ),
        "newest": SimpleLazyObject(lambda: listed.order_by("-created_at")[:10]),
        "urgent": SimpleLazyObject(
            lambda: (
                listed.exclude(urgent_reasons=[])
                .filter(updated_at__gte=timezone.now() - timedelta(days=7))
                .order_by("-updated_at")[:10]
            )
        ),
        # Hidden ones too, marked: the doctor reads why.
        "my_answers": SimpleLazyObject(
            lambda: (
                profile.answers.visible_to(profile.user)
                .select_related("question")
                .order_by("-created_at")[:10]
            )
        ),
    }


ACTIVITY_ITEMS = 20


def latest(queryset) -> tuple[list, bool]:
    """The first ACTIVITY_ITEMS rows, and whether there are more (one query)."""
    rows = list(queryset[: ACTIVITY_ITEMS + 1])
    return rows[:ACTIVITY_ITEMS], len(rows) > ACTIVITY_ITEMS


def my_activity(user) -> dict:
    """A member's own questions, follow-ups, reviews, followed questions and treatments, newest
    first, the latest ACTIVITY_ITEMS of each: one query a list."""
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
    treatments = (
        TreatmentFollow.objects.filter(user=user)
        .select_related("treatment")
        .order_by("-created_at", "-id")
    )
    sections = {"questions": questions, "updates": updates, "reviews": reviews}
    sections |= {"follows": follows, "treatment_follows": treatments}
    context = {"shown": ACTIVITY_ITEMS}
    for name, queryset in sections.items():
        context[name], context[f"more_{name}"] = latest(queryset)
    return context


def follows_treatment(user, treatment: Treatment) -> bool:
    """A signed-in patient (or moderator) follows the treatment; doctors follow theirs on the
    dashboard instead."""
    return (
        user.is_authenticated
        and not user.is_doctor
        and TreatmentFollow.objects.filter(treatment=treatment, user=user).exists()
    )


def treatment_doctors(treatment: Treatment, limit: int = HUB_DOCTORS) -> list[DoctorProfile]:
    """The verified doctors who answer most about the treatment: by their published answers on
    questions the public sees with it (stored in DoctorTreatment), then by their rating's
    ranking score, then by name. Each carries `treatment_answers`."""
    rows = (
        DoctorTreatment.objects.filter(
            treatment=treatment, answer_count__gt=0, doctor__status=Status.VERIFIED
        )
        .select_related("doctor__specialty")
        .only(
            "answer_count",
            *(f"doctor__{name}" for name in DOCTOR_CARD_FIELDS),
            "doctor__specialty__name",
        )
        .order_by("-answer_count", "-doctor__ranking_score", "doctor__name", "doctor_id")[:limit]
    )
    doctors = []
    for row in rows:
        row.doctor.treatment_answers = row.answer_count
        doctors.append(row.doctor)
    return doctors


def treatment_hub(user, treatment: Treatment) -> dict:
    """What a treatment's page shows above its questions, in a fixed number of queries: the
    reviews' figures and the latest reviews, the doctors who answer most about it, its most
    answered questions, and whether `user` follows it."""
    return {
        "summary": doctor_selectors.review_summary(treatment),
        "latest_reviews": doctor_selectors.with_treatment(
            doctor_selectors.treatment_reviews(treatment)[:HUB_REVIEWS], treatment
        ),
        "top_doctors": treatment_doctors(treatment),
        "top_questions": list(
            Question.objects.visible()
            .filter(tagged_items__tag=treatment, answer_count__gt=0)
            .only("id", "title", "slug", "answer_count", "photo_count", "created_at", "noindex")
            .order_by("-answer_count", "-created_at", "-id")[:HUB_TOP_QUESTIONS]
        ),
        "following": follows_treatment(user, treatment),
    }
