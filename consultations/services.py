"""Consultation writes: a request with its first message, a reply, reading. Rows and photo
files together or neither, and the other member told once the writes have committed."""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

import photos
from accounts import notifications
from accounts.models import Notification
from consultations.models import Consultation, Message, MessagePhoto
from moderation import audit
from moderation.models import Report

# What a request or a reply carries: processed photos with the sender's description of each.
Photos = list[tuple[photos.ProcessedPhoto, str]]


def consultation_start(
    *,
    patient,
    doctor,
    subject: str,
    body: str,
    treatment=None,
    pictures: Photos = (),
    notify: bool = True,
) -> Consultation:
    """A patient's request to `doctor`: the thread and its first message, and the doctor told
    in the site and by email (if they want it; not at all without `notify`, as for the demo)."""
    with photos.removed_unless_done() as written, transaction.atomic():
        now = timezone.now()
        consultation = Consultation.objects.create(
            patient=patient,
            doctor=doctor,
            subject=subject,
            treatment=treatment,
            created_at=now,
            last_message_at=now,
            doctor_unread=1,
        )
        message = Message.objects.create(
            consultation=consultation, author=patient, body=body, created_at=now
        )
        _store_photos(message, pictures, written)
        if notify:
            notifications.notify(
                doctor.user,
                "consultations",
                "consultation-request",
                {"consultation": consultation, "thread_url": _site_url(consultation)},
                note=f"{patient.display_name} sent you a consultation request: “{subject}”",
                url=consultation.get_absolute_url(),
            )
    return consultation


def message_add(
    *, consultation: Consultation, author, body: str, pictures: Photos = (), notify: bool = True
) -> Message:
    """A reply by one of the two members; the other sees it as new and is told (unless not
    `notify`)."""
    with photos.removed_unless_done() as written, transaction.atomic():
        locked = (
            Consultation.objects.select_for_update(of=("self",))
            .select_related("patient", "doctor__user")
            .get(pk=consultation.pk)
        )
        role = locked.member_role(author)
        # Checked again under the lock: moderators may have closed it meanwhile.
        if role is None or locked.is_hidden:
            raise PermissionDenied("This conversation takes no more messages.")
        now = timezone.now()
        message = Message.objects.create(
            consultation=locked, author=author, body=body, created_at=now
        )
        _store_photos(message, pictures, written)
        unread = "doctor_unread" if role == "patient" else "patient_unread"
        Consultation.objects.filter(pk=locked.pk).update(
            last_message_at=now, **{unread: F(unread) + 1}
        )
        recipient = locked.doctor.user if role == "patient" else locked.patient
        note = f"{author.display_name} wrote in your consultation “{locked.subject}”"
        url = f"{locked.get_absolute_url()}#message-{message.pk}"
        if notify and getattr(locked, unread) == 0:
            # One email for what is new since they last looked, not one per message.
            notifications.notify(
                recipient,
                "consultations",
                "consultation-message",
                {"sender": author, "thread_url": _site_url(locked)},
                note=note,
                url=url,
            )
        elif notify:
            notifications.record(recipient, note, url)
    return message


def mark_read(consultation: Consultation, user) -> None:
    """The member has opened the thread: nothing in it is new to them any more, in the inbox or
    in the bell. (Nothing to write, and no query, when nothing was new.)"""
    role = consultation.member_role(user)
    if role is not None and consultation.unread_for(user):
        field = f"{role}_unread"
        Consultation.objects.filter(pk=consultation.pk).update(**{field: 0})
        setattr(consultation, field, 0)
        told = Notification.objects.filter(
            user=user, read_at=None, url__startswith=consultation.get_absolute_url()
        )
        if ids := list(told.values_list("pk", flat=True)):
            notifications.mark_read(user, ids)


@transaction.atomic
def consultation_delete(consultation: Consultation) -> None:
    """Delete a thread (the admin's delete, by superusers): rows now, files after commit, and
    nothing of it left in anyone's notifications or the moderation records."""
    ids = list(
        Consultation.objects.select_for_update()
        .filter(pk=consultation.pk)
        .values_list("pk", flat=True)
    )
    names = photo_files(ids)
    forget(ids)
    Consultation.objects.filter(pk__in=ids).delete()
    transaction.on_commit(lambda: photos.delete_files(names), robust=True)


def photo_files(ids: list[int]) -> list[str]:
    """Every stored file of the photos sent in these threads, in one query."""
    pictures = MessagePhoto.objects.filter(message__consultation__in=ids)
    return [name for photo in pictures.only("key") for name in photo.file_names()]


def forget(ids: list[int]) -> None:
    """Before these threads are deleted: the notifications that name them go (the other
    member's too, and their bells are recounted), reports on them keep no details, and the
    moderation log keeps no subject."""
    if not ids:
        return
    inbox = reverse("consultations:inbox")
    notes = Notification.objects.filter(
        url__regex=f"^{re.escape(inbox)}({'|'.join(str(pk) for pk in ids)})/"
    )
    told = set(notes.values_list("user_id", flat=True))
    notes.delete()
    notifications.recount(told)
    audit.forget(
        Consultation,
        ids,
        label="(a private consultation, deleted)",
        resolution="The consultation was deleted.",
    )
    Report.objects.filter(
        content_type=ContentType.objects.get_for_model(Consultation), object_id__in=ids
    ).update(details="")


def _store_photos(message: Message, pictures: Photos, written: list[str]) -> None:
    for position, (processed, description) in enumerate(pictures):
        photo = MessagePhoto(
            message=message,
            width=processed.width,
            height=processed.height,
            position=position,
            description=description,
        )
        written.extend(photos.store(processed, photo.file_name))
        photo.save()


def _site_url(consultation: Consultation) -> str:
    return settings.SITE_URL.rstrip("/") + consultation.get_absolute_url()
