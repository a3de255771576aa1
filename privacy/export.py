"""A member's data as a zip: data.json (account, questions, answers, reviews, votes, reports,
follows) and their photos, built in the background and kept for EXPORT_DAYS."""

import json
import shutil
import tempfile
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

import photos
from accounts.models import DataExport, User
from consultations.models import Consultation
from doctors.models import DoctorProfile
from forum.models import Answer, AnswerVote, Question, QuestionFollow
from gallery.models import Pair
from moderation.models import Report
from treatments.models import TreatmentFollow

EXPORT_DAYS = 7
REBUILD_AFTER = timedelta(minutes=10)  # a new copy at most this often


def request_export(user: User) -> DataExport | None:
    """Start a new export (the old ones are erased); the task runs after commit. None if one
    was started less than REBUILD_AFTER ago: that one stands."""
    if DataExport.objects.filter(
        user=user, created_at__gte=timezone.now() - REBUILD_AFTER
    ).exists():
        return None
    with transaction.atomic():
        for old in DataExport.objects.filter(user=user):
            erase(old)
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: build_export.enqueue(export_id=export.pk))
    return export


def erase(export: DataExport) -> None:
    if export.file_name:
        name = export.file_name
        transaction.on_commit(lambda: photos.delete_files([name]), robust=True)
    export.delete()


@task
def build_export(*, export_id: int) -> None:
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return
    try:
        with tempfile.TemporaryFile() as spool:
            build_zip(export.user, spool)
            size = spool.tell()
            spool.seek(0)
            name = default_storage.save(
                f"exports/{photos.new_key()}/docanswers-data.zip", File(spool)
            )
    except Exception:
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        raise
    with transaction.atomic():
        still_wanted = (
            DataExport.objects.select_for_update()
            .filter(pk=export.pk)
            .update(
                status=DataExport.Status.READY,
                file_name=name,
                size=size,
                expires_at=timezone.now() + timedelta(days=EXPORT_DAYS),
            )
        )
        if not still_wanted:  # the account, or this request, went while it was being built
            transaction.on_commit(lambda: photos.delete_files([name]), robust=True)


def build_zip(user: User, out) -> None:
    """Write the zip to the file `out`, one photo at a time (JPEGs are stored, not
    recompressed), so a member with many photos does not fill the worker's memory."""
    data, files = collect(user)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        for stored, inside in files:
            try:
                with (
                    default_storage.open(stored) as source,
                    archive.open(zipfile.ZipInfo(inside), "w") as target,
                ):
                    shutil.copyfileobj(source, target, 1024 * 1024)
            except FileNotFoundError:
                continue


def collect(user: User) -> tuple[dict, list[tuple[str, str]]]:
    """Everything of theirs, as JSON-ready data, and the photo files to add to the zip."""
    files: list[tuple[str, str]] = []
    # Other members' questions appear (by title) only while the public can see them.
    visible = Question.objects.visible()
    questions = []
    for question in (
        Question.objects.filter(author=user, deleted_at__isnull=True)
        .prefetch_related("treatments", "photos", "updates")
        .order_by("created_at")
    ):
        own_photos, update_photos = [], {}
        for photo in question.photos.all():
            folder = f"photos/question-{question.pk}"
            if photo.update_id:
                folder += f"/update-{photo.update_id}"
            inside = f"{folder}/{photo.position + 1}.jpg"
            files.append((photo.file_name("full"), inside))
            entry = {"file": inside, "description": photo.alt_text}
            if photo.update_id:
                update_photos.setdefault(photo.update_id, []).append(entry)
            else:
                own_photos.append(entry)
        questions.append(
            {
                "id": question.pk,
                "url": settings.SITE_URL + question.get_absolute_url(),
                "title": question.title,
                "body": question.body,
                "treatments": [t.name for t in question.treatments.all()],
                "photos_visible_to": question.get_photo_visibility_display(),
                "photos": own_photos,
                "status": question.get_status_display(),
                "shown_in_search_engines": not question.noindex,
                "your_status": question.get_patient_status_display(),
                "updates": [
                    {
                        "written_at": update.created_at,
                        "text": update.body,
                        "status_chosen": update.get_status_set_display(),
                        "photos": update_photos.get(update.pk, []),
                    }
                    for update in question.updates.all()
                ],
                "asked_at": question.created_at,
            }
        )
    profile = DoctorProfile.objects.filter(user=user).first()
    answers = []
    if profile is not None:
        answers = [
            {
                "question": answer.question.title,
                "headline": answer.headline,
                "body": answer.body,
                "status": answer.get_status_display(),
                "answered_at": answer.created_at,
            }
            for answer in Answer.objects.filter(
                doctor=profile, question__in=visible
            ).select_related("question")
        ]
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.get_role_display(),
            "joined": user.date_joined,
            "emails_wanted": {
                kind: getattr(user, field)
                for kind, field in [
                    ("answers_to_my_questions", "notify_answers"),
                    ("answers_to_questions_i_follow", "notify_followed"),
                    ("replies_to_my_reviews", "notify_replies"),
                    ("questions_about_treatments_i_follow", "notify_treatments"),
                    ("verification_decisions", "notify_verification"),
                    ("updates_to_questions_i_answered", "notify_updates"),
                    ("daily_digest", "notify_digest"),
                    ("consultation_messages", "notify_consultations"),
                ]
            },
        },
        "questions": questions,
        "answers": answers,
        "reviews": [
            {
                "doctor": review.doctor.display_name,
                "rating": review.rating,
                "title": review.title,
                "body": review.body,
                "worth_it": review.get_worth_it_display(),
                "based_on": review.get_experience_display(),
                "status": review.get_status_display(),
                "written_at": review.created_at,
                "doctors_reply": review.reply,
            }
            for review in user.reviews.select_related("doctor")
        ],
        "helpful_votes": [
            {
                "answer": vote.answer.headline,
                "question": vote.answer.question.title,
                "at": vote.created_at,
            }
            for vote in AnswerVote.objects.filter(
                user=user, answer__question__in=visible
            ).select_related("answer__question")
        ],
        "reports": [
            {
                "about": report.content_type.name,
                "reason": report.get_reason_display(),
                "details": report.details,
                "status": report.get_status_display(),
                "at": report.created_at,
            }
            for report in Report.objects.filter(reporter=user).select_related("content_type")
        ],
        "followed_questions": [
            follow.question.title
            for follow in QuestionFollow.objects.filter(
                user=user, question__in=visible
            ).select_related("question")
        ],
        "notifications": [
            {"text": note.text, "at": note.created_at, "read": note.read_at is not None}
            for note in user.notifications.order_by("created_at", "id")
        ],
        "followed_treatments": [
            follow.treatment.name
            for follow in TreatmentFollow.objects.filter(user=user)
            .select_related("treatment")
            .order_by("treatment__name")
        ],
    }
    data["consultations"] = consultations(user, files)
    if profile is not None:
        data["doctor_profile"] = {
            "name": profile.name,
            "credentials": profile.credentials,
            "specialty": str(profile.specialty or ""),
            "city": profile.city,
            "licence_number": profile.licence_number,
            "status": profile.get_status_display(),
        }
        data["before_and_after_photos"] = gallery_pairs(profile, files)
    return data, files


def gallery_pairs(profile: DoctorProfile, files: list[tuple[str, str]]) -> list[dict]:
    """The doctor's before-and-after pairs, each with its consent record; their photos are
    added to `files`."""
    entries = []
    pairs = Pair.objects.filter(doctor=profile).select_related("treatment")
    for pair in pairs.prefetch_related("photos").order_by("created_at", "id"):
        photo_files = {}
        for photo in pair.photos.all():
            inside = f"before-and-after/pair-{pair.pk}/{photo.side}.jpg"
            files.append((photo.file_name("full"), inside))
            photo_files[photo.side] = inside
        entries.append(
            {
                "treatment": pair.treatment.name,
                "caption": pair.caption,
                "after_photo_taken": pair.get_time_after_display(),
                "patient_consent_recorded_at": pair.consent_recorded_at,
                "status": pair.get_status_display(),
                "posted_at": pair.created_at,
                "photos": photo_files,
            }
        )
    return entries


def consultations(user: User, files: list[tuple[str, str]]) -> list[dict]:
    """The member's private consultations, as patient or as doctor, with every message of
    both members (the conversation is theirs alike); the photos sent are added to `files`."""
    entries = []
    threads = Consultation.objects.of_member(user).select_related("patient", "doctor", "treatment")
    for consultation in threads.prefetch_related("messages__photos", "messages__author").order_by(
        "created_at", "id"
    ):
        messages = []
        for message in sorted(consultation.messages.all(), key=lambda m: (m.created_at, m.pk)):
            sent = []
            for photo in message.photos.all():
                inside = f"consultations/{consultation.pk}/{message.pk}-{photo.position + 1}.jpg"
                files.append((photo.file_name("full"), inside))
                sent.append(inside)
            messages.append(
                {
                    "from": message.author.display_name if message.author else "Former member",
                    "text": message.body,
                    "at": message.created_at,
                    "photos": sent,
                }
            )
        entries.append(
            {
                "subject": consultation.subject,
                "patient": consultation.patient.display_name,
                "doctor": consultation.doctor.display_name,
                "treatment": consultation.treatment.name if consultation.treatment else "",
                "status": consultation.get_status_display(),
                "started_at": consultation.created_at,
                "messages": messages,
            }
        )
    return entries
