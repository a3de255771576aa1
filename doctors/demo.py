"""Demo doctors for `manage.py seed_demo`: invented people with the sample page's credentials,
cities and specialties, plus a few more: one pending, one rejected, one whose licence ends
within 30 days and one whose licence verification has expired."""

import zlib
from datetime import timedelta

from django.utils import timezone

from accounts.demo import DemoUser, seed_user
from accounts.models import Role, User
from doctors.models import DoctorProfile, Specialty, Status, VerificationDecision

# (email, name, credentials, specialty, city, region, status, reason)
DEMO_DOCTORS = [
    ("tampa.surgeon@example.com", "Marco Bellini", ["MD"], "Plastic Surgeon", "Tampa", "FL"),
    ("vegas.derm@example.com", "Elliot Varga", ["MD"], "Dermatologist", "Las Vegas", "NV"),
    ("birmingham.derm@example.com", "Helena Brandt", ["MD"], "Dermatologist", "Birmingham", "AL"),
    (
        "seattle.fps@example.com",
        "Adrian Kessler",
        ["MD", "FACS"],
        "Facial Plastic Surgeon",
        "Seattle",
        "WA",
    ),
    ("doctor@example.com", "Nora Lindqvist", ["MD"], "Dermatologist", "Portland", "OR"),
    ("chicago.dentist@example.com", "Priya Raman", ["DDS"], "Cosmetic Dentist", "Chicago", "IL"),
    ("boston.oculo@example.com", "Owen Marsh", ["MD"], "Oculoplastic Surgeon", "Boston", "MA"),
]
PENDING = ("miami.surgeon@example.com", "Samuel Reyes", ["MD"], "Plastic Surgeon", "Miami", "FL")
# Their licence ends soon: the admin's "Licences ending within 30 days" lists them.
ENDING_SOON = {"Owen Marsh": 12}
EXPIRED = ("austin.derm@example.com", "Theo Lindgren", ["MD"], "Dermatologist", "Austin", "TX")
REJECTED = (
    "denver.derm@example.com",
    "Irene Walsh",
    ["MD"],
    "Dermatologist",
    "Denver",
    "CO",
    "The licence number does not match the Colorado Medical Board register; please check it.",
)


def seed_doctors(moderator: User) -> dict[str, DoctorProfile]:
    """Create the demo doctors that do not exist yet; returns them by name."""
    profiles = {}
    for row in DEMO_DOCTORS:
        profiles[row[1]] = seed_doctor(*row, status=Status.VERIFIED, moderator=moderator)
    profiles[PENDING[1]] = seed_doctor(*PENDING, status=Status.PENDING, moderator=moderator)
    profiles[EXPIRED[1]] = seed_doctor(*EXPIRED, status=Status.EXPIRED, moderator=moderator)
    *rejected, reason = REJECTED
    profiles[REJECTED[1]] = seed_doctor(
        *rejected, status=Status.REJECTED, moderator=moderator, reason=reason
    )
    return profiles


def seed_doctor(
    email, name, credentials, specialty, city, region, *, status, moderator, reason=""
) -> DoctorProfile:
    user = seed_user(DemoUser(email, name, Role.DOCTOR, "doctor"))
    profile, created = DoctorProfile.objects.get_or_create(user=user)
    if not created:
        return profile
    now = timezone.now()
    profile.name, profile.credentials = name, credentials
    profile.specialty = Specialty.objects.get(name=specialty)
    profile.city, profile.region, profile.country = city, region, "United States"
    profile.practice_name = f"{name.split()[-1]} {specialty.split()[-1]} Clinic"
    profile.bio = (
        f"I am a {specialty.lower()} in {city}. I answer questions here because patients "
        "deserve clear, honest information before and after treatment."
    )
    profile.licence_number = f"DEMO-{zlib.crc32(email.encode()) % 1_000_000:06d}"
    profile.licence_jurisdiction = f"{region} medical board"
    profile.board_certification = "Demo board certification"
    profile.licence_expires_on = timezone.localdate() + timedelta(
        days=ENDING_SOON.get(name, 400 + zlib.crc32(email.encode()) % 700)
    )
    profile.status, profile.status_reason = status, reason
    profile.submitted_at = now - timedelta(days=400 if status == Status.EXPIRED else 40)
    if status != Status.PENDING:
        profile.decided_by, profile.decided_at = moderator, profile.submitted_at + timedelta(2)
    if status in (Status.VERIFIED, Status.EXPIRED):
        profile.verified_at = profile.decided_at
        profile.ensure_slug()
    if status == Status.EXPIRED:
        profile.licence_expires_on = timezone.localdate() - timedelta(days=20)
        profile.status_reason = (
            f"The licence was valid until {profile.licence_expires_on:%B %-d, %Y}. Send the "
            "renewed licence to be verified again."
        )
        profile.decided_by, profile.decided_at = None, now - timedelta(days=19)
    profile.save()
    VerificationDecision.objects.create(
        profile=profile,
        status=Status.PENDING,
        reason="Sent for review",
        decided_by=user,
        decided_at=profile.submitted_at,
    )
    if status == Status.EXPIRED:  # verified first, then expired by the daily check
        VerificationDecision.objects.create(
            profile=profile,
            status=Status.VERIFIED,
            decided_by=moderator,
            decided_at=profile.verified_at,
        )
        VerificationDecision.objects.create(
            profile=profile,
            status=Status.EXPIRED,
            reason=profile.status_reason,
            decided_at=profile.decided_at,
        )
    elif status != Status.PENDING:
        VerificationDecision.objects.create(
            profile=profile,
            status=status,
            reason=reason,
            decided_by=moderator,
            decided_at=profile.decided_at,
        )
    return profile
