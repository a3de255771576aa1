"""Demo doctors for `manage.py seed_demo`: invented people with the sample page's credentials,
cities and specialties, plus a few more: one pending, one rejected, one whose licence ends
within 30 days and one whose licence verification has expired. Their practices, training and
boards read like a real directory's, their schools and clinics are made up, and each has an
illustrated headshot drawn by doctors/demo_headshots.py."""

import zlib
from datetime import timedelta

from django.utils import timezone

import photos
from accounts.demo import DemoUser, seed_user
from accounts.models import Role, User
from doctors import places, services
from doctors.demo_headshots import headshot_upload
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


# Who each doctor is beyond the name: (practice, board certification, about), in their words.
PROFILES = {
    "Marco Bellini": (
        "Bellini Plastic Surgery",
        "American Board of Plastic Surgery",
        "I trained in general surgery at Gulf Coast University Hospital and in plastic surgery at "
        "Harbor Bay Medical Center, and have practised in Tampa for fourteen years. Most of my "
        "work is breast and eyelid surgery, with injectables for patients who are not ready for "
        "an operation.\n\nI would rather talk a patient out of a procedure than into one: the "
        "best result is the one you still like in ten years.",
    ),
    "Elliot Varga": (
        "Desert Bloom Dermatology",
        "American Board of Dermatology",
        "I completed my dermatology residency at Sierra Vista University and a fellowship in "
        "cosmetic and laser dermatology before opening my practice in Las Vegas. I treat sun "
        "damage, acne scarring and wrinkles with lasers, microneedling and neurotoxins.\n\nDry "
        "desert air and year-round sun are hard on skin; a lot of my work is helping patients "
        "repair it and protect it.",
    ),
    "Helena Brandt": (
        "Brandt Dermatology & Laser",
        "American Board of Dermatology",
        "I earned my medical degree at Magnolia State University and trained in dermatology at "
        "Riverside Medical Center in Birmingham, where I still teach residents one afternoon a "
        "week. I see medical and cosmetic patients, from eczema to tear trough filler.\n\nMy "
        "rule for injectables is to do a little less than you think you need and review at two "
        "weeks.",
    ),
    "Adrian Kessler": (
        "Kessler Facial Plastic Surgery",
        "American Board of Facial Plastic and Reconstructive Surgery; American Board of "
        "Otolaryngology - Head and Neck Surgery",
        "I am a facial plastic surgeon in Seattle. After residency in head and neck surgery at "
        "Puget Sound University Medical Center, I completed a fellowship in facial plastic and "
        "reconstructive surgery, and I have performed more than 2,500 rhinoplasties since.\n\n"
        "Because I trained as an ENT surgeon, I look at how a nose breathes as closely as how it "
        "looks. I also treat the jaw and masseter, the eyelids and facial volume.",
    ),
    "Nora Lindqvist": (
        "Willamette Skin Clinic",
        "American Board of Dermatology",
        "I am a dermatologist in Portland with a special interest in injectables and in skin of "
        "every tone. I trained at Cascadia University School of Medicine and completed my "
        "residency at Columbia River Medical Center.\n\nI answer here because the questions "
        "patients ask online are the same ones they are sometimes too rushed to ask in clinic.",
    ),
    "Priya Raman": (
        "Lakeview Smile Studio",
        "Accredited Member, American Academy of Cosmetic Dentistry",
        "I am a cosmetic dentist in Chicago focused on veneers, bonding and smile design. I "
        "qualified at Great Lakes University College of Dentistry and completed a general "
        "practice residency at Northshore Memorial Hospital.\n\nI plan every case with a "
        "mock-up first, so you can see and feel the new smile before anything is prepared.",
    ),
    "Owen Marsh": (
        "Back Bay Eyelid & Orbit Surgery",
        "American Board of Ophthalmology; Fellow, American Society of Ophthalmic Plastic and "
        "Reconstructive Surgery",
        "I am an oculoplastic surgeon: an ophthalmologist who operates on the eyelids, tear "
        "ducts and the area around the eye. I trained at Charles River Eye Infirmary and "
        "completed my fellowship at Bay State University.\n\nMost of my patients come for "
        "blepharoplasty or for a second opinion on swelling or filler under the eyes.",
    ),
    "Samuel Reyes": (
        "Reyes Aesthetic Surgery",
        "American Board of Plastic Surgery",
        "I am a plastic surgeon in Miami. I trained at Biscayne University Hospital and "
        "completed an aesthetic surgery fellowship in Atlanta, and I focus on breast and body "
        "contouring surgery.",
    ),
    "Theo Lindgren": (
        "Hill Country Dermatology",
        "American Board of Dermatology",
        "I am a dermatologist in Austin. I trained at Lone Star University Medical School and "
        "treat skin cancer screening, acne and acne scars, and cosmetic concerns such as lines "
        "and pigmentation.",
    ),
    "Irene Walsh": (
        "Front Range Skin & Laser",
        "American Board of Dermatology",
        "I am a dermatologist in Denver with an interest in lasers and scar revision. I trained "
        "at Rocky Mountain University School of Medicine.",
    ),
}
# Who issues a licence in each state, and how its numbers look: (board, prefix, digits).
LICENSING = {
    "FL": ("Florida Board of Medicine", "ME", 6),
    "NV": ("Nevada State Board of Medical Examiners", "", 5),
    "AL": ("Alabama Board of Medical Examiners", "MD.", 5),
    "WA": ("Washington Medical Commission", "MD", 8),
    "OR": ("Oregon Medical Board", "MD", 6),
    "IL": ("Illinois Department of Financial and Professional Regulation", "019.", 6),
    "MA": ("Massachusetts Board of Registration in Medicine", "", 6),
    "TX": ("Texas Medical Board", "Q", 4),
    "CO": ("Colorado Medical Board", "DR.", 7),
}

# Where each practice is: (street address, ZIP code, phone). The streets are invented, the ZIP
# codes are real ones of the cities (they place the practice on the map), and the phone numbers
# are in 555-0100 to 555-0199, the range set aside for fiction.
ADDRESSES = {
    "Marco Bellini": ("2210 West Harbor Boulevard, Suite 300", "33609", "(813) 555-0142"),
    "Elliot Varga": ("8840 Desert Bloom Parkway, Suite 120", "89117", "(702) 555-0117"),
    "Helena Brandt": ("1415 Magnolia Crest Drive", "35205", "(205) 555-0163"),
    "Adrian Kessler": ("1201 Lakeview Terrace, Floor 4", "98109", "(206) 555-0128"),
    "Nora Lindqvist": ("3350 Cedar Ridge Avenue, Suite 210", "97205", "(503) 555-0190"),
    "Priya Raman": ("640 North Larkspur Street, Suite 1500", "60611", "(312) 555-0155"),
    "Owen Marsh": ("75 Beacon Lantern Way, Suite 6", "02116", "(617) 555-0136"),
    "Samuel Reyes": ("4100 Coral Shore Drive", "33137", "(305) 555-0181"),
    "Theo Lindgren": ("901 Bluebonnet Row, Suite 400", "78701", "(512) 555-0109"),
    "Irene Walsh": ("1750 Aspen Switchback Road", "80206", "(303) 555-0174"),
}


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
        return describe(profile)  # a demo seeded before these facts were written gets them too
    now = timezone.now()
    profile.name, profile.credentials = name, credentials
    profile.specialty = Specialty.objects.get(name=specialty)
    profile.city, profile.region, profile.country = city, region, "United States"
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
    return describe(profile)


def describe(profile: DoctorProfile) -> DoctorProfile:
    """The practice, board, about text and licence of PROFILES and LICENSING, and a headshot
    if it has none, stored through the same pipeline as a doctor's upload."""
    practice, board, bio = PROFILES[profile.name]
    jurisdiction, prefix, digits = LICENSING[profile.region]
    number = zlib.crc32(profile.user.email.encode()) % 10**digits
    street, postal_code, phone = ADDRESSES[profile.name]
    # update() below skips save(), which would put the practice on the map.
    latitude, longitude = places.zip_point(postal_code)
    facts = {
        "street_address": street,
        "postal_code": postal_code,
        "latitude": latitude,
        "longitude": longitude,
        "phone": phone,
        "practice_name": practice,
        "board_certification": board,
        "bio": bio,
        "licence_jurisdiction": jurisdiction,
        "licence_number": f"{prefix}{number:0{digits}d}",
    }
    if any(getattr(profile, name) != value for name, value in facts.items()):
        DoctorProfile.objects.filter(pk=profile.pk).update(**facts)
        for name, value in facts.items():
            setattr(profile, name, value)
    if profile.headshot_key:
        return profile
    headshot = photos.process(headshot_upload(profile.name))
    return services.application_save(profile=profile, fields={}, headshot=headshot, submit=False)
