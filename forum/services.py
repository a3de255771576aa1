"""Writes that touch several models: a question, its treatments and its photos together."""

from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

import pagecache
import photos
from accounts import notifications
from accounts.models import User
from doctors.models import DoctorProfile
from forum import search, tasks, triage
from forum.models import (
    Answer,
    AnswerAgreement,
    AnswerVote,
    DoctorTreatment,
    Photo,
    Question,
    QuestionFollow,
    QuestionUpdate,
    TaggedQuestion,
    page_scope,
)
from moderation import audit
from moderation.models import PUBLISHED, ModerationStatus
from treatments.models import Treatment, TreatmentFollow


def default_alt_text(question: Question, position: int, update=None) -> str:
    if update is not None:
        return f"Photo {position + 1} of the update of {update.created_at:%B %-d, %Y}"[:200]
    return f"Photo {position + 1} for the question “{question.title}”"[:200]


def _add_photos(
    question: Question,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    first_position: int,
    written: list[str],
    update: QuestionUpdate | None = None,
) -> None:
    for offset, (processed, alt_text) in enumerate(new_photos):
        position = first_position + offset
        photo = Photo(
            question=question,
            update=update,
            position=position,
            alt_text=alt_text or default_alt_text(question, position, update),
            width=processed.width,
            height=processed.height,
        )
        written.extend(photos.store(processed, photo.file_name))
        photo.save()


def _with_file_cleanup(write):
    """Run `write(written)` in a transaction; if it fails, remove every file it stored."""
    with photos.removed_unless_done() as written, transaction.atomic():
        return write(written)


def question_create(
    *,
    author: User,
    title: str,
    body: str,
    treatments: list[str],
    photo_visibility: str,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    noindex: bool = False,
    notify: bool = True,
) -> Question:
    """Post the question; once it has committed, the patients who follow one of its treatments
    are emailed by a background task (forum.tasks)."""

    def write(written: list[str]) -> Question:
        question = Question.objects.create(
            author=author,
            title=title,
            body=body,
            photo_visibility=photo_visibility,
            noindex=noindex,
            photo_count=len(new_photos),
            urgent_reasons=triage.reasons(title, body, treatments),
        )
        question.treatments.set(treatments)
        _add_photos(question, new_photos, 0, written)
        search.refresh([question.pk])
        # Last: the treatments' rows stay locked until the commit, not while photos are stored.
        recount_treatments_of([question.pk])
        if notify:
            transaction.on_commit(
                partial(tasks.notify_treatment_followers.enqueue, question_id=question.pk)
            )
        return question

    return _with_file_cleanup(write)


class QuestionGone(Exception):
    """The question was deleted while it was being edited."""


def question_update(
    *,
    question: Question,
    title: str,
    body: str,
    treatments: list[str],
    photo_visibility: str,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    removed_photos: list[Photo],
    alt_texts: dict[Photo, str],
    noindex: bool = False,
) -> Question:
    """Apply an edit to the question as it is now (locked), not as the form first saw it.

    Raises QuestionGone if it was deleted meanwhile, and ValidationError if photos added in
    another tab meanwhile would take it past the limit.
    """

    def write(written: list[str]) -> Question:
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None or locked.is_deleted:
            raise QuestionGone
        own = locked.photos.filter(update__isnull=True)  # not the follow-ups' photos
        current = set(own.values_list("pk", flat=True))
        _remove_photos([photo for photo in removed_photos if photo.pk in current])
        for photo, alt_text in alt_texts.items():  # photos removed meanwhile are skipped
            Photo.objects.filter(pk=photo.pk, question=locked, update__isnull=True).update(
                alt_text=alt_text or default_alt_text(locked, photo.position)
            )
        kept = list(own.order_by("position", "id"))
        if len(kept) + len(new_photos) > photos.MAX_PHOTOS:
            raise ValidationError(
                f"A question can have at most {photos.MAX_PHOTOS} photos, and it already has "
                f"{len(kept)}. Remove some and send again."
            )
        for position, photo in enumerate(kept):
            if photo.position != position:
                Photo.objects.filter(pk=photo.pk).update(position=position)
        locked.title, locked.body, locked.photo_visibility = title, body, photo_visibility
        locked.noindex = noindex
        locked.urgent_reasons = _triage(locked, treatments)
        _add_photos(locked, new_photos, len(kept), written)
        locked.save(
            update_fields=[
                "title",
                "slug",
                "body",
                "photo_visibility",
                "noindex",
                "urgent_reasons",
                "updated_at",
            ]
        )
        recount_question(locked.pk)
        before = list(locked.treatments.values_list("pk", flat=True))
        locked.treatments.set(treatments)
        after = list(locked.treatments.values_list("pk", flat=True))
        recount_treatments([*before, *after])
        if set(before) != set(after):  # its doctors now answer about other treatments
            recount_doctor_treatments(locked.answers.values_list("doctor_id", flat=True))
        search.refresh([locked.pk])
        return locked

    return _with_file_cleanup(write)


def _triage(question: Question, treatments: list[str] | None = None) -> list[str]:
    """The urgent-care rules the question matches: its title, its body and its follow-ups."""
    if treatments is None:
        treatments = [treatment.name for treatment in question.treatments.all()]
    texts = [question.body, *question.updates.filter(PUBLISHED).values_list("body", flat=True)]
    return triage.reasons(question.title, "\n".join(texts), treatments)


def update_add(
    *,
    question: Question,
    body: str,
    status_set: str,
    new_photos: list[tuple[photos.ProcessedPhoto, str]],
    notify: bool = True,
) -> QuestionUpdate:
    """The asker's follow-up: text, photos (same pipeline as the question's) and perhaps a new
    status. Its words are checked for urgent symptoms like the question's; the doctors who
    answered are emailed after commit. Raises QuestionGone if the question was deleted, or is
    no longer the asker's (de-identified in another tab), meanwhile."""

    def write(written: list[str]) -> QuestionUpdate:
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None or locked.is_deleted or locked.author_id != question.author_id:
            raise QuestionGone
        update = QuestionUpdate.objects.create(question=locked, body=body, status_set=status_set)
        _add_photos(locked, new_photos, 0, written, update=update)
        refresh_from_updates(locked)
        recount_question(locked.pk)
        if notify and locked.is_visible:
            transaction.on_commit(partial(_notify_update, locked, update))
        return update

    return _with_file_cleanup(write)


# Doctors are emailed about a question's follow-ups at most once in this time.
UPDATE_EMAIL_INTERVAL = timedelta(hours=20)


def _notify_update(question: Question, update: QuestionUpdate) -> None:
    """Every doctor whose answer to the question is published, each once; not again for more
    follow-ups within UPDATE_EMAIL_INTERVAL (they read those on the page)."""
    earlier = (
        question.updates.filter(created_at__gte=update.created_at - UPDATE_EMAIL_INTERVAL)
        .exclude(pk=update.pk)
        .exists()
    )
    if earlier:
        return
    doctors = (
        User.objects.filter(
            doctor_profile__answers__question=question,
            doctor_profile__answers__status=ModerationStatus.PUBLISHED,
        )
        .select_related("doctor_profile")
        .distinct()
        .order_by("pk")
    )
    context = {"question": question, "update": update, "has_photos": update.photos.exists()}
    title = question.display_title
    note = f"{question.author_name} posted a follow-up on “{title}”, which you answered"
    url = f"{question.get_absolute_url()}#update-{update.pk}"
    for doctor in doctors:
        notifications.notify(doctor, "updates", "question-update", context, note=note, url=url)


def refresh_from_updates(question: Question) -> None:
    """The question's status (the latest one chosen in a published follow-up) and urgent-care
    flags (its title, body and published follow-ups). Call with the question's row locked."""
    latest = (
        question.updates.filter(PUBLISHED)
        .exclude(status_set="")
        .order_by("-created_at", "-id")
        .first()
    )
    question.patient_status = latest.status_set if latest else ""
    question.urgent_reasons = _triage(question)
    question.save(update_fields=["patient_status", "urgent_reasons", "updated_at"])


@transaction.atomic
def update_delete(*, update: QuestionUpdate) -> None:
    """The asker removes a follow-up and its photos; the status goes back to the one before."""
    locked = Question.objects.select_for_update().get(pk=update.question_id)
    _remove_photos(list(update.photos.all()))
    update.delete()
    refresh_from_updates(locked)
    recount_question(locked.pk)


@transaction.atomic
def question_deidentify(*, question: Question) -> None:
    """The asker lets go of the question: it stays, with the doctors' answers, under "Former
    member"; its photos (and the follow-ups' photos) are deleted for good, and nothing links it
    to their account any more: not the author, not their "helpful" votes on its answers, not
    the photos' descriptions in the moderation log. Raises QuestionGone if it is no longer
    theirs (de-identified or deleted in another tab)."""
    locked = Question.objects.select_for_update().filter(pk=question.pk).first()
    if locked is None or locked.is_deleted or locked.author_id != question.author_id:
        raise QuestionGone
    removed = list(locked.photos.all())
    _remove_photos(removed)
    audit.forget(
        Photo,
        [photo.pk for photo in removed],
        label="(a photo its author withdrew)",
        resolution="Withdrawn by its author.",
    )
    votes = AnswerVote.objects.filter(user_id=locked.author_id, answer__question=locked)
    voted = list(votes.values_list("answer_id", flat=True))
    votes.delete()
    recount_helpful(voted)
    Question.objects.filter(pk=locked.pk).update(
        author=None, photo_count=0, updated_at=timezone.now()
    )


def _remove_photos(removed: list[Photo]) -> None:
    """Delete the rows now and the files once the transaction has committed."""
    names = [name for photo in removed for name in photo.file_names()]
    Photo.objects.filter(pk__in=[photo.pk for photo in removed]).delete()
    transaction.on_commit(lambda: photos.delete_files(names), robust=True)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Soft delete: the question stays for the record, its photos are gone for good."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.is_deleted:
        return
    Question.objects.filter(pk=locked.pk).update(
        deleted_at=timezone.now(), photo_count=0, updated_at=timezone.now()
    )
    _remove_photos(list(locked.photos.all()))
    recount_doctor_answers(locked.answers.values_list("doctor_id", flat=True))
    recount_treatments_of([locked.pk])


def answer_submit(
    *, question: Question, doctor: DoctorProfile, headline: str, body: str, notify: bool = True
) -> tuple[Answer, bool]:
    """Post the doctor's answer, or edit it if they answered already. Returns (answer, created).

    The question and doctor counts move in the same transaction; the asker is emailed once,
    when the answer is first posted, after the transaction commits.
    """
    with transaction.atomic():
        locked = Question.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None or not locked.is_visible:
            raise QuestionGone
        answer, created = Answer.objects.get_or_create(
            question=locked,
            doctor=doctor,
            defaults={
                "headline": headline,
                "body": body,
                # Who they are today, kept with the answer (see Answer.signed_name).
                "signed_name": doctor.display_name,
                "signed_line": doctor.practice_line,
            },
        )
        if created:
            Question.objects.filter(pk=locked.pk).update(answer_count=F("answer_count") + 1)
            DoctorProfile.objects.filter(pk=doctor.pk).update(answer_count=F("answer_count") + 1)
            recount_doctor_treatments([doctor.pk])
        if created and notify:
            # After commit, outside the question's row lock: one email per follower.
            transaction.on_commit(partial(_notify_answer, locked, answer))
        if not created:
            answer.headline, answer.body = headline, body
            answer.save(update_fields=["headline", "body", "updated_at"])
        search.refresh([locked.pk])
    return answer, created


def tell_answer_removed(answer: Answer, reason: str) -> None:
    """A moderator removed the answer: the doctor learns why by email and in the site (a notice
    they cannot switch off), and the asker, who was told of the answer, that it is gone."""
    question = Question.objects.select_related("author").get(pk=answer.question_id)
    doctor = User.objects.get(pk=answer.doctor.user_id)
    title, url = question.display_title, question.get_absolute_url()

    def send() -> None:
        notifications.notify_always(
            doctor,
            "answer-removed",
            {"question": question, "answer": answer, "reason": reason},
            note=f"Moderators removed your answer to “{title}”: {reason}",
            url=answer.get_absolute_url(),
        )
        if question.author_id and question.author_id != doctor.pk:
            notifications.record(
                question.author, f"Moderators removed an answer to your question “{title}”", url
            )

    transaction.on_commit(send)


def _notify_answer(question: Question, answer: Answer) -> None:
    """The asker, then everyone following the question (but the doctor), each once."""
    context = {"question": question, "answer": answer}
    doctor, title, url = (
        answer.doctor.display_name,
        question.display_title,
        answer.get_absolute_url(),
    )
    if question.author_id:
        note = f"{doctor} answered your question “{title}”"
        notifications.notify(
            question.author, "answers", "answer-posted", context, note=note, url=url
        )
    followers = (
        User.objects.filter(question_follows__question=question)
        .exclude(pk__in=[question.author_id, answer.doctor.user_id])
        .order_by("pk")
    )
    for follower in followers:
        note = f"{doctor} answered “{title}”, a question you follow"
        notifications.notify(follower, "followed", "answer-followed", context, note=note, url=url)


@transaction.atomic
def follow_set(*, question: Question, user: User, follow: bool) -> None:
    """Follow the question or stop; posting the wanted state, so a resent form changes nothing."""
    if follow:
        QuestionFollow.objects.get_or_create(question=question, user=user)
    else:
        QuestionFollow.objects.filter(question=question, user=user).delete()


@transaction.atomic
def treatment_follow_set(*, treatment: Treatment, user: User, follow: bool) -> None:
    """A patient follows the treatment, to be emailed about its new questions, or stops;
    posting the wanted state, as for a question."""
    if follow:
        TreatmentFollow.objects.get_or_create(treatment=treatment, user=user)
    else:
        TreatmentFollow.objects.filter(treatment=treatment, user=user).delete()


@transaction.atomic
def vote_set(*, answer: Answer, user: User, helpful: bool) -> int:
    """Record whether the member finds the answer helpful; returns the answer's new count.

    The wanted state is posted, not a toggle, so a double click or a resent form changes
    nothing; the answer row is locked, so two votes at once cannot both insert.
    """
    locked = Answer.objects.select_for_update().get(pk=answer.pk)
    if helpful:
        AnswerVote.objects.get_or_create(answer=locked, user=user)
    else:
        AnswerVote.objects.filter(answer=locked, user=user).delete()
    count = AnswerVote.objects.filter(answer=locked).count()
    Answer.objects.filter(pk=locked.pk).update(helpful_count=count)
    # The count shows on its question's page alone: only that page is rendered afresh.
    pagecache.changed(page_scope(locked.question_id))
    return count


@transaction.atomic
def agreement_set(*, answer: Answer, doctor: DoctorProfile, agree: bool) -> None:
    """A doctor agrees with a colleague's answer, or takes it back; posting the wanted state."""
    Answer.objects.select_for_update().filter(pk=answer.pk).values("pk").get()
    if agree:
        AnswerAgreement.objects.get_or_create(answer=answer, doctor=doctor)
    else:
        AnswerAgreement.objects.filter(answer=answer, doctor=doctor).delete()


def helped_set(*, answer: Answer, helped: bool) -> None:
    """The asker marks the answer "This helped me", or takes the mark back."""
    Answer.objects.filter(pk=answer.pk).update(helped_asker=helped, updated_at=timezone.now())


def recount_question(question_id: int) -> None:
    """The question's counts: its published answers, those moderators hid, and its photos."""
    answers = Answer.objects.filter(question=question_id)
    Question.objects.filter(pk=question_id).update(
        answer_count=answers.published().count(),
        removed_answer_count=answers.filter(status=ModerationStatus.HIDDEN).count(),
        photo_count=Photo.objects.filter(PUBLISHED, question=question_id)
        .exclude(update__status=ModerationStatus.HIDDEN)
        .count(),
    )


def recount_treatments(treatment_ids) -> None:
    """Each treatment's count of questions the public sees."""
    _recount_treatments(Treatment.objects.filter(pk__in=list(treatment_ids)))


def recount_all_treatments() -> None:
    """Every treatment's count (the recount command, the demo and the benchmark data)."""
    _recount_treatments(Treatment.objects.all())


def _recount_treatments(treatments: QuerySet[Treatment]) -> None:
    """Each treatment's count of questions the public sees, from the questions, with the
    treatments' rows locked so that concurrent changes queue instead of overwriting each
    other. Cheap at any size: all of a treatment's tags are counted on an index alone, and
    the few questions the public does not see (deleted or hidden) are taken off."""
    with transaction.atomic():
        ids = list(treatments.order_by("pk").select_for_update().values_list("pk", flat=True))
        tagged = TaggedQuestion.objects.filter(tag__in=ids)
        totals = _per_tag(tagged)
        unseen = _per_tag(tagged.filter(content_object__in=Question.objects.unseen()))
        for pk in ids:
            Treatment.objects.filter(pk=pk).update(
                question_count=totals.get(pk, 0) - unseen.get(pk, 0)
            )


def _per_tag(tagged: QuerySet[TaggedQuestion]) -> dict[int, int]:
    return dict(tagged.values_list("tag").annotate(total=Count("pk")).values_list("tag", "total"))


def recount_treatments_of(question_ids) -> None:
    """The counts of the treatments these questions carry (before they are deleted)."""
    recount_treatments(
        TaggedQuestion.objects.filter(content_object__in=list(question_ids))
        .values_list("tag_id", flat=True)
        .distinct()
    )


def recount_helpful(answer_ids) -> None:
    """Each answer's "helpful" count, from its votes."""
    votes = (
        AnswerVote.objects.filter(answer=OuterRef("pk"))
        .values("answer")
        .annotate(total=Count("pk"))
        .values("total")
    )
    answers = Answer.objects.filter(pk__in=list(answer_ids))
    answers.update(helpful_count=Coalesce(Subquery(votes), 0))
    # After the write: outside a transaction, changed() moves the scope on straight away.
    for question_id in set(answers.values_list("question_id", flat=True)):
        pagecache.changed(page_scope(question_id))


def recount_doctor_answers(doctor_ids) -> None:
    """Each doctor's answer count: published answers on questions the public sees; and the
    same per treatment (recount_doctor_treatments)."""
    doctor_ids = list(doctor_ids)
    counted = (
        Answer.objects.published()
        .filter(
            doctor=OuterRef("pk"),
            question__deleted_at__isnull=True,
            question__status=ModerationStatus.PUBLISHED,
        )
        .values("doctor")
        .annotate(total=Count("pk"))
        .values("total")
    )
    DoctorProfile.objects.filter(pk__in=doctor_ids).update(
        answer_count=Coalesce(Subquery(counted), 0)
    )
    recount_doctor_treatments(doctor_ids)


def recount_doctor_treatments(doctor_ids) -> None:
    """Each doctor's published answers per treatment, on questions the public sees: what a
    treatment's page ranks its doctors by. The doctors' rows are locked first (in order, so two
    recounts never wait on each other crosswise), and the counts are taken after the lock, so
    concurrent answers queue instead of overwriting each other's counts. A doctor's answers are
    few, so counting them all again is cheap."""
    ids = sorted(set(doctor_ids))
    if not ids:
        return
    with transaction.atomic():
        list(
            DoctorProfile.objects.filter(pk__in=ids)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        counts = (
            Answer.objects.public()
            .filter(doctor__in=ids, question__tagged_items__isnull=False)
            .values_list("doctor_id", "question__tagged_items__tag_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        DoctorTreatment.objects.filter(doctor__in=ids).delete()
        DoctorTreatment.objects.bulk_create(
            DoctorTreatment(doctor_id=doctor, treatment_id=treatment, answer_count=total)
            for doctor, treatment, total in counts
        )


@transaction.atomic
def followed_treatments_set(*, profile: DoctorProfile, text: str) -> None:
    """Follow the named treatments that exist (names are matched regardless of case)."""
    names = {part.strip().lower() for part in text.split(",") if part.strip()}
    profile.followed_treatments.set(
        Treatment.objects.alias(lower_name=Lower("name")).filter(lower_name__in=names)
    )
