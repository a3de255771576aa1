"""Deleting an account: photos erased from storage, posts deleted or left up as "Former
member" (the member chooses), every count and rating that included them put right."""

from allauth.usersessions.models import UserSession
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

import photos
from accounts.models import DataExport, User
from consultations import services as consultation_services
from consultations.models import Consultation
from doctors.models import DoctorProfile, Review
from forum import search
from forum.models import Answer, AnswerVote, Photo, Question, TaggedQuestion
from forum.services import (
    recount_doctor_answers,
    recount_helpful,
    recount_question,
    recount_treatments,
)
from gallery.models import Pair
from moderation import audit
from moderation.models import ModerationAction


def delete_account(user: User, *, keep_posts: bool) -> None:
    """Delete `user`. With keep_posts, their questions (without photos) and reviews stay up
    under "Former member"; without, they are deleted too, with the doctors' answers to those
    questions. The email address can sign up again at once."""
    files: list[str] = []
    with transaction.atomic():
        # Private consultations go with either member's account, whatever keep_posts says: no
        # one else ever saw them, and half a conversation is no use to the other member. Their
        # rows are locked first, as a reply locks them before the members' rows: a reply sent
        # meanwhile either lands before (its photos are found below) or finds the thread gone.
        thread_ids = list(
            Consultation.objects.of_member(user)
            .select_for_update(of=("self",))
            .values_list("pk", flat=True)
        )
        user = User.objects.select_for_update().get(pk=user.pk)
        # Questions the member had deleted themselves go for good in either case.
        Question.objects.filter(author=user, deleted_at__isnull=False).delete()
        own_photos = list(Photo.objects.filter(question__author=user))
        files += [name for photo in own_photos for name in photo.file_names()]
        questions = Question.objects.filter(author=user)
        question_ids = list(questions.values_list("pk", flat=True))
        treatments = set(
            TaggedQuestion.objects.filter(content_object__in=question_ids).values_list(
                "tag_id", flat=True
            )
        )
        doctors_who_answered = set(
            Answer.objects.filter(question__in=question_ids).values_list("doctor_id", flat=True)
        )
        reviewed = set(Review.objects.filter(author=user).values_list("doctor_id", flat=True))
        voted = set(AnswerVote.objects.filter(user=user).values_list("answer_id", flat=True))
        profile = DoctorProfile.objects.filter(user=user).first()
        answered_questions = set()
        if profile is not None:
            answered_questions = set(profile.answers.values_list("question_id", flat=True))
            if profile.headshot_key:
                files += [profile.headshot_file_name(size) for size in photos.SIZES]
        files += [e.file_name for e in DataExport.objects.filter(user=user) if e.file_name]
        gone = {Photo: [photo.pk for photo in own_photos]}
        if profile is not None:
            gone[Answer] = list(profile.answers.values_list("pk", flat=True))
            gone[Review] = list(profile.reviews.values_list("pk", flat=True))
            # The doctor's before-and-after pairs go with the profile, and their files here.
            pairs = list(profile.gallery_pairs.prefetch_related("photos"))
            files += [name for pair in pairs for name in pair.file_names()]
            gone[Pair] = [pair.pk for pair in pairs]
        files += consultation_services.photo_files(thread_ids)
        gone[Consultation] = thread_ids
        if not keep_posts:
            gone[Question] = question_ids
            gone[Answer] = [
                *gone.get(Answer, []),
                *Answer.objects.filter(question__in=question_ids).values_list("pk", flat=True),
            ]
            gone[Review] = [
                *gone.get(Review, []),
                *Review.objects.filter(author=user).values_list("pk", flat=True),
            ]
        _forget_in_moderation(user, gone)
        for session in UserSession.objects.filter(user=user):
            session.end()  # logged out everywhere, not only here
        if keep_posts:
            Photo.objects.filter(pk__in=[photo.pk for photo in own_photos]).delete()
            questions.update(author=None, photo_count=0)
            Review.objects.filter(author=user).update(author=None)
        else:
            questions.delete()  # with their answers, photos, treatments, follows and votes
            Review.objects.filter(author=user).delete()
        consultation_services.forget(thread_ids)
        Consultation.objects.filter(pk__in=thread_ids).delete()
        user.delete()  # with the doctor profile and its answers, votes, follows, reports made
        recount_doctor_answers(doctors_who_answered)
        recount_treatments(treatments)
        for doctor in DoctorProfile.objects.filter(pk__in=reviewed):
            doctor.refresh_rating()
        for question_id in answered_questions:
            recount_question(question_id)
        search.refresh(answered_questions)
        recount_helpful(voted)
        transaction.on_commit(lambda: photos.delete_files(files), robust=True)


def _forget_in_moderation(user: User, gone: dict) -> None:
    """The moderation log and open reports keep no name, title or photo description of what
    the member's deletion removes; the entries themselves stay, for the record. (A deleted
    moderator's own name stays on what they did: that is the staff's record.)"""
    ModerationAction.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    ).update(item_label="Former member")
    for model, ids in gone.items():
        audit.forget(
            model,
            ids,
            label=f"(a {model._meta.verbose_name} deleted with its author's account)",
            resolution="Deleted with its author's account.",
        )
