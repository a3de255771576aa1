"""Writes that touch several models: applications, verification decisions and their emails."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import photos
from accounts import notifications
from accounts.models import User
from doctors.models import LICENCE_WARNING, DoctorProfile, Review, Status, VerificationDecision
from moderation import audit

# Once an application is sent, who the doctor is (name, credentials, specialty, city,
# licence) is what a moderator checks: only a moderator changes it from then on.
EDITABLE_ONCE_SENT = {
    "practice_name",
    "region",
    "street_address",
    "postal_code",
    "phone",
    "website",
    "accepts_consultations",
    "bio",
    "board_certification",
}
SENT = (Status.PENDING, Status.VERIFIED)
# A doctor whose licence ran out enters the renewed one and sends it to be checked again.
LICENCE_FIELDS = {"licence_number", "licence_jurisdiction", "licence_expires_on"}
CAN_SEND = (Status.DRAFT, Status.REJECTED, Status.EXPIRED)
# How long before a licence's end date its doctor is reminded, and the admin lists it.


def editable_fields(profile: DoctorProfile) -> set[str] | None:
    """The application fields the doctor may change now; None for all of them."""
    if profile.renewal_due:
        return EDITABLE_ONCE_SENT | LICENCE_FIELDS
    if profile.status in SENT:
        return EDITABLE_ONCE_SENT
    return None


def profile_for(user: User) -> DoctorProfile:
    """The doctor's profile, made on first use. Reached through the user, so that both know
    each other: profile.user and user.doctor_profile cost no further query."""
    try:
        return user.doctor_profile
    except DoctorProfile.DoesNotExist:
        profile, _ = DoctorProfile.objects.get_or_create(user=user)
        user.doctor_profile = profile
        return profile


def application_save(
    *,
    profile: DoctorProfile,
    fields: dict,
    headshot: photos.ProcessedPhoto | None,
    submit: bool,
) -> DoctorProfile:
    """Save the application; with submit=True also send it for review (status pending).

    A verified doctor may change the public parts of the profile; the licence stays as
    verified unless a moderator changes it. Raises ValidationError with what is missing.
    """
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = DoctorProfile.objects.select_for_update().get(pk=profile.pk)
            if locked.status == Status.SUSPENDED:
                raise ValidationError("A suspended profile cannot be changed.")
            editable = editable_fields(locked)
            can_send = locked.status in CAN_SEND or locked.renewal_due  # before the new date
            for name, value in fields.items():
                if editable is None or name in editable:
                    setattr(locked, name, value)
            if headshot is not None:
                written = _replace_headshot(locked, headshot)
            if submit and can_send:
                _send_for_review(locked)
            locked.save()
            return locked
    except BaseException:
        photos.delete_files(written)
        raise


def _send_for_review(profile: DoctorProfile) -> None:
    missing = profile.missing_for_review()
    if missing:
        raise ValidationError("Before sending, please add " + ", ".join(missing) + ".")
    if profile.licence_lapsed:
        raise ValidationError(
            "Your licence's end date has passed: enter the date your renewed licence is valid "
            "until."
        )
    profile.status = Status.PENDING
    profile.submitted_at = timezone.now()
    VerificationDecision.objects.create(
        profile=profile, status=Status.PENDING, reason="Sent for review", decided_by=profile.user
    )


def _replace_headshot(profile: DoctorProfile, processed: photos.ProcessedPhoto) -> list[str]:
    """Store the new headshot now; the old one's files go once the change has committed."""
    if profile.headshot_key:
        old = [profile.headshot_file_name(size) for size in photos.SIZES]
        transaction.on_commit(lambda: photos.delete_files(old), robust=True)
    profile.headshot_key = photos.new_key()
    profile.headshot_width, profile.headshot_height = processed.width, processed.height
    return photos.store(processed, profile.headshot_file_name)


ALLOWED_FROM = {
    "verify": (Status.PENDING, Status.EXPIRED),
    "reject": (Status.PENDING,),
    "suspend": (Status.VERIFIED, Status.EXPIRED),
    "reinstate": (Status.SUSPENDED,),
}
DECISIONS = {
    "verify": Status.VERIFIED,
    "reject": Status.REJECTED,
    "suspend": Status.SUSPENDED,
    "reinstate": Status.VERIFIED,
}


@transaction.atomic
def verification_decide(
    *, profile: DoctorProfile, decision: str, reason: str, moderator: User
) -> DoctorProfile:
    """A moderator's decision, recorded with who, when and why; the doctor is emailed."""
    status = DECISIONS[decision]
    if status in (Status.REJECTED, Status.SUSPENDED) and not reason.strip():
        raise ValidationError("Give the doctor a reason.")
    locked = DoctorProfile.objects.select_for_update().get(pk=profile.pk)
    if locked.status not in ALLOWED_FROM[decision]:
        raise ValidationError(
            f"A {locked.get_status_display().lower()} profile cannot be given “{decision}”."
        )
    if status == Status.VERIFIED and locked.missing_for_review():
        raise ValidationError("It lacks " + ", ".join(locked.missing_for_review()) + ".")
    if status == Status.VERIFIED and locked.licence_lapsed:
        raise ValidationError(
            f"Its licence was valid until {locked.licence_expires_on:%B %-d, %Y}: correct the "
            "date if the licence has been renewed."
        )
    now = timezone.now()
    before = locked.status
    locked.status, locked.status_reason = status, reason.strip()
    locked.decided_by, locked.decided_at = moderator, now
    if status == Status.VERIFIED:
        locked.ensure_slug()
        locked.verified_at = locked.verified_at if decision == "reinstate" else now
    locked.save()
    VerificationDecision.objects.create(
        profile=locked, status=status, reason=locked.status_reason, decided_by=moderator
    )
    audit.record(
        actor=moderator,
        action=decision,
        item=locked,
        reason=locked.status_reason,
        before=before,
        after=status,
    )
    notifications.notify(
        locked.user,
        "verification",
        "doctor-decision",
        {"profile": locked},
        note=f"A moderator decided on your doctor profile: {locked.get_status_display().lower()}",
        url=reverse("forum:doctor_dashboard"),
    )
    return locked


@transaction.atomic
def review_submit(*, doctor: DoctorProfile, author: User, fields: dict) -> tuple[Review, bool]:
    """Write the patient's review of the doctor, or edit it if one exists; the doctor's figures
    are recomputed in the same transaction. Returns (review, created)."""
    DoctorProfile.objects.select_for_update().filter(pk=doctor.pk).values("pk").get()
    review, created = Review.objects.get_or_create(doctor=doctor, author=author, defaults=fields)
    if not created:
        for name, value in fields.items():
            setattr(review, name, value)
        review.save()
    doctor.refresh_rating()
    return review, created


@transaction.atomic
def review_delete(*, review: Review) -> None:
    doctor = review.doctor
    review.delete()
    doctor.refresh_rating()


@transaction.atomic
def review_reply(*, review: Review, text: str) -> None:
    """The doctor's one public reply to a review; writing again edits it. The reviewer is
    emailed when a reply first appears, not at each edit."""
    locked = (
        Review.objects.select_for_update(of=("self",))
        .select_related("author", "doctor")
        .get(pk=review.pk)
    )
    first = not locked.reply and bool(text) and locked.author_id is not None
    Review.objects.filter(pk=locked.pk).update(
        reply=text, replied_at=(locked.replied_at or timezone.now()) if text else None
    )
    if first:
        locked.reply = text
        url = f"{settings.SITE_URL.rstrip('/')}{locked.doctor.get_absolute_url()}reviews/"
        notifications.notify(
            locked.author,
            "replies",
            "review-reply",
            {"review": locked, "review_url": f"{url}#review-{locked.pk}"},
            note=f"{locked.doctor.display_name} replied to your review “{locked.title}”",
            url=f"{locked.doctor.get_absolute_url()}reviews/#review-{locked.pk}",
        )


def licences_check(*, today: date | None = None) -> tuple[list[DoctorProfile], list[DoctorProfile]]:
    """The daily licence check (`manage.py check_licences`). Verified doctors whose licence's
    end date has passed lose the badge and the right to answer, with a line in the verification
    history and the moderation log, and an email; those whose licence ends within
    LICENCE_WARNING are reminded once per end date. Returns (expired, reminded)."""
    today = today or timezone.localdate()
    expired = []
    for profile_id in (
        DoctorProfile.objects.verified()
        .filter(licence_expires_on__lt=today)
        .values_list("pk", flat=True)
    ):
        if (profile := _expire(profile_id, today)) is not None:
            expired.append(profile)
    reminded = []
    due = (
        DoctorProfile.objects.verified()
        .filter(licence_expires_on__gte=today, licence_expires_on__lte=today + LICENCE_WARNING)
        .select_related("user")
    )
    for profile in due:
        if profile.licence_reminded_for == profile.licence_expires_on:
            continue
        with transaction.atomic():
            DoctorProfile.objects.filter(pk=profile.pk).update(
                licence_reminded_for=profile.licence_expires_on
            )
            # A notice the doctor cannot switch off: answering depends on it.
            notifications.notify_always(
                profile.user,
                "licence-expiring",
                {"profile": profile},
                note=f"Your licence on file ends on {profile.licence_expires_on:%B %-d, %Y}: "
                "send the renewed one to keep answering",
                url=reverse("doctors:apply"),
            )
        reminded.append(profile)
    return expired, reminded


@transaction.atomic
def _expire(profile_id: int, today: date) -> DoctorProfile | None:
    locked = DoctorProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    ends = locked.licence_expires_on
    if locked.status != Status.VERIFIED or ends is None or ends >= today:
        return None  # renewed or decided on meanwhile
    reason = (
        f"The licence was valid until {locked.licence_expires_on:%B %-d, %Y}. Send the renewed "
        "licence to be verified again."
    )
    locked.status, locked.status_reason = Status.EXPIRED, reason
    locked.decided_by, locked.decided_at = None, timezone.now()
    locked.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])
    VerificationDecision.objects.create(profile=locked, status=Status.EXPIRED, reason=reason)
    audit.record(
        actor=None,
        action="expire",
        item=locked,
        reason=reason,
        before=Status.VERIFIED,
        after=Status.EXPIRED,
    )
    notifications.notify_always(
        locked.user,
        "doctor-decision",
        {"profile": locked},
        note="Your licence on file has ended, so you can't answer until the renewed one is "
        "verified",
        url=reverse("doctors:apply"),
    )
    return locked
