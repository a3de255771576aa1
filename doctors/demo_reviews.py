"""Demo reviews: the sample page's figures (4.4 from 39, 4.6 from 17, 5.0 from 18, 4.7 from 221),
with texts assembled from templates and fictional reviewers."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from doctors.models import DoctorProfile, Experience, Review, WorthIt

# Doctor -> reviews at 5, 4, 3, 2 and 1 stars.
DISTRIBUTIONS = {
    "Marco Bellini": (26, 7, 2, 2, 2),  # 170 / 39 = 4.36 -> "4.4 out of 5 stars, 39 reviews"
    "Elliot Varga": (13, 2, 1, 1, 0),  # 78 / 17 = 4.59 -> 4.6, 17 reviews
    "Helena Brandt": (18, 0, 0, 0, 0),  # 5.0, 18 reviews
    "Adrian Kessler": (180, 25, 8, 4, 4),  # 1036 / 221 = 4.69 -> 4.7, 221 reviews
}

FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jade",
    "Kofi",
    "Lina",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sami",
    "Tess",
    "Uma",
    "Vik",
    "Wren",
    "Yara",
    "Zoe",
]
TITLES = {
    5: [
        "Clear, kind and honest",
        "Natural result, great care",
        "Would go back without a doubt",
        "Explained every step",
        "Exactly what I hoped for",
    ],
    4: ["Good result, long wait", "Very happy, a little pricey", "Careful and thorough"],
    3: ["Fine, but rushed", "Result is OK, follow-up was slow"],
    2: ["Not what was promised", "Hard to get answers afterwards"],
    1: ["Disappointed with the outcome", "Would not go back"],
}
OPENINGS = {
    5: [
        "I was nervous before my appointment, but the doctor took time to explain the options.",
        "From the first consultation I felt listened to, not sold to.",
        "I had read a lot before choosing, and I am glad I chose this practice.",
    ],
    4: ["Overall a good experience and I like my result.", "A careful doctor and a good result."],
    3: ["The treatment itself went fine.", "Mixed feelings overall."],
    2: ["The consultation was friendly enough.", "I expected more after the first visit."],
    1: ["I had high hopes after the consultation.", "I would not choose this clinic again."],
}
MIDDLES = {
    5: [
        "The result looks natural and friends only say I look rested.",
        "Recovery was exactly as described and every question I had got an answer.",
        "The follow-up visit was on time and the doctor checked everything carefully.",
    ],
    4: [
        "The clinic ran late and it cost a little more than I expected.",
        "Booking the follow-up took a few calls, but the care itself was excellent.",
    ],
    3: [
        "The appointment felt rushed and I had to chase the follow-up.",
        "The result is fine, though not quite what I had pictured.",
    ],
    2: ["The result was less than we discussed and the follow-up was hard to book."],
    1: ["The result was not what we agreed and my concerns were brushed aside."],
}
REPLIES = [
    "Thank you for taking the time to write this. It was a pleasure to treat you.",
    "Thank you for your feedback. Please call the clinic so that we can look at this together.",
]


CONSULTATION_TITLES = {
    True: ["An honest consultation", "Clear advice, no pressure", "Worth the consultation"],
    False: ["A rushed consultation", "Felt like a sales pitch", "Not much advice"],
}
# What a patient who came only for a consultation says instead of how the result turned out.
CONSULTATION_MIDDLES = {
    True: [
        "I came for a consultation only and left with a clear plan and an honest price.",
        "It was a consultation, not a treatment, but I learned more than in three other clinics.",
        "I haven't had the treatment yet; the consultation alone was worth the visit.",
    ],
    False: [
        "I only had a consultation and felt rushed through it.",
        "It was a consultation only, and most of it was about the price.",
        "I came for a consultation and left with more questions than answers.",
    ],
}


def seed_reviews() -> int:
    """Create the demo reviews for doctors that have none yet; returns how many were made."""
    rng = random.Random(2013)  # noqa: S311 - fixed demo data, not security
    reviewers = demo_reviewers(max(sum(counts) for counts in DISTRIBUTIONS.values()))
    made = 0
    now = timezone.now()
    for name, counts in DISTRIBUTIONS.items():
        doctor = DoctorProfile.objects.filter(name=name).first()
        if doctor is None or doctor.reviews.exists():
            continue
        ratings = [
            stars for stars, n in zip((5, 4, 3, 2, 1), counts, strict=True) for _ in range(n)
        ]
        rng.shuffle(ratings)
        reviews = [
            Review(
                doctor=doctor,
                author=reviewer,
                rating=stars,
                title=rng.choice(TITLES[stars])
                if index % 7 != 3
                else CONSULTATION_TITLES[stars >= 4][index % 3],
                body=f"{rng.choice(OPENINGS[stars])} {rng.choice(MIDDLES[stars])}"
                if index % 7 != 3
                else f"{rng.choice(OPENINGS[stars])} {CONSULTATION_MIDDLES[stars >= 4][index % 3]}",
                worth_it=WorthIt.YES
                if stars >= 4
                else WorthIt.NOT_SURE
                if stars == 3
                else WorthIt.NO,
                # About one in seven came for a consultation only.
                experience=Experience.TREATMENT if index % 7 != 3 else Experience.CONSULTATION,
                created_at=now - timedelta(days=3 * index + rng.randint(0, 2)),
                reply=REPLIES[0] if index == 0 else REPLIES[1] if stars <= 2 and index < 40 else "",
                replied_at=now if index == 0 or (stars <= 2 and index < 40) else None,
            )
            for index, (stars, reviewer) in enumerate(zip(ratings, reviewers, strict=False))
        ]
        Review.objects.bulk_create(reviews)
        doctor.refresh_rating()
        made += len(reviews)
    return made


def demo_reviewers(count: int) -> list[User]:
    """Fictional patients who wrote the demo reviews (they cannot sign in)."""
    names = [
        f"{first} {chr(65 + index % 26)}."
        for index in range(count)
        for first in [FIRST[index % len(FIRST)]]
    ]
    names = [
        f"{name[:-1]}{index // 26 + 1}." if index >= 26 else name
        for index, name in enumerate(names)
    ]
    existing = {user.display_name: user for user in User.objects.filter(display_name__in=names)}
    missing = [
        User(
            email=f"reviewer{index}@example.com",
            display_name=name,
            role=Role.PATIENT,
            password=make_password(None),
        )
        for index, name in enumerate(names)
        if name not in existing
    ]
    User.objects.bulk_create(missing)
    by_name = {user.display_name: user for user in User.objects.filter(display_name__in=names)}
    return [by_name[name] for name in names]
