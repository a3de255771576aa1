"""Consultation requests: a patient writes privately to one doctor from the doctor's profile,
and the two of them talk in a thread no one else reads. Moderators open a thread only while
one of its two members has a report on it open, and each look is in the moderation log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

import photos
from accounts import notifications
from accounts.models import User
from moderation.models import OPEN, Moderated, ModerationStatus, Report

SUBJECT_MAX = 120
BODY_MAX = 5000
PHOTOS_MAX = 3  # per message


def _open_to_moderators() -> Q:
    """A thread moderators may read: one of its two members has an open report on it, or
    moderators have closed it (so that they can review that). Once the reports are resolved
    otherwise, the thread is private again."""
    reports = Report.objects.filter(
        OPEN,
        Q(reporter=OuterRef("patient_id")) | Q(reporter=OuterRef("doctor__user_id")),
        content_type=ContentType.objects.get_for_model(Consultation),
        object_id=OuterRef("pk"),
    )
    return Q(Exists(reports)) | Q(status=ModerationStatus.HIDDEN)


class ConsultationQuerySet(models.QuerySet):
    def of_member(self, user) -> "ConsultationQuerySet":
        """The threads `user` is one of the two members of: a patient's requests, or a
        doctor's (each through its own index)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_doctor:
            return self.filter(doctor__user=user)
        return self.filter(patient=user)

    def open_to_moderators(self) -> "ConsultationQuerySet":
        return self.filter(_open_to_moderators())

    def visible_to(self, user) -> "ConsultationQuerySet":
        """Its two members; moderators too, while a member's report on it is open."""
        if user.is_authenticated and user.is_moderator:
            return self.filter(Q(patient=user) | Q(doctor__user=user) | _open_to_moderators())
        return self.of_member(user)


class Consultation(Moderated):
    """A patient's private request to a doctor and the conversation that follows. Hidden by
    moderators, it stays readable by its two members but takes no more replies."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations"
    )
    doctor = models.ForeignKey(
        "doctors.DoctorProfile", on_delete=models.CASCADE, related_name="consultations"
    )
    subject = models.CharField(max_length=SUBJECT_MAX)
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    # Messages each side has not opened yet: the inbox's "new" markers, without a count query.
    patient_unread = models.PositiveIntegerField(default=0)
    doctor_unread = models.PositiveIntegerField(default=0)

    objects = ConsultationQuerySet.as_manager()
    noun = "consultation"
    report_privacy = (
        "A moderator will read the whole conversation while your report is open, and may close "
        "it; the other member is not told."
    )

    class Meta:
        indexes = [
            models.Index(
                "patient", F("last_message_at").desc(), F("id").desc(), name="consult_by_patient"
            ),
            models.Index(
                "doctor", F("last_message_at").desc(), F("id").desc(), name="consult_by_doctor"
            ),
        ]

    def __str__(self) -> str:
        return Truncator(self.subject).chars(80)

    def get_absolute_url(self) -> str:
        return reverse("consultations:thread", args=[self.pk])

    @classmethod
    def posted_by(cls, user) -> ConsultationQuerySet:
        """Requests the member sent: the hourly limit on new requests."""
        return cls.objects.filter(patient=user)

    def author_id_for_moderation(self) -> int | None:
        # Two people write in a thread: either of them may report it (the other's messages).
        return None

    def can_be_reported_by(self, user) -> bool:
        """Only its two members: no one else knows what was said."""
        return self.member_role(user) is not None

    def hidden_by_moderator(self, reason: str) -> None:
        """Both members learn why in their notifications (after the moderator's commit)."""
        members = [self.patient_id, self.doctor.user_id]
        url = self.get_absolute_url()
        text = f"Moderators closed the consultation “{Truncator(self.subject).chars(80)}”: {reason}"

        def tell() -> None:
            for user in User.objects.filter(pk__in=members):
                notifications.record(user, text, url)

        transaction.on_commit(tell)

    def member_role(self, user) -> str | None:
        """ "patient" or "doctor" if `user` is one of the two members, else None."""
        if user.is_authenticated and user.pk == self.patient_id:
            return "patient"
        if user.is_authenticated and user.pk == self.doctor.user_id:
            return "doctor"
        return None

    def unread_for(self, user) -> int:
        role = self.member_role(user)
        return self.patient_unread if role == "patient" else self.doctor_unread if role else 0


class Message(models.Model):
    """One message of a consultation, by the patient or the doctor."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=BODY_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    noun = "message"

    class Meta:
        indexes = [
            models.Index("consultation", "created_at", "id", name="message_in_thread"),
            models.Index("author", F("created_at").desc(), name="message_by_author"),
        ]

    def __str__(self) -> str:
        return Truncator(self.body).chars(80)

    @classmethod
    def posted_by(cls, user) -> models.QuerySet:
        """Messages the member wrote: the hourly limit on messages."""
        return cls.objects.filter(author=user)


class MessagePhoto(photos.StoredPhoto, models.Model):
    """A re-encoded photo sent with a message: served only to the thread's two members (and to
    moderators once the thread is reported), never cached by anyone else."""

    folder = "consultations"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="photos")
    key = models.CharField(max_length=32, unique=True, default=photos.new_key, editable=False)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text

    def url(self, size: str = "full") -> str:
        return reverse("consultations:photo", args=[self.key, size])

    @property
    def alt_text(self) -> str:
        return self.description or f"Photo {self.position + 1} sent with this message"
