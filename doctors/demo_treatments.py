"""Which treatment the demo reviews name and what their patients paid, so that the treatment
pages of `manage.py seed_demo` have figures: "worth it", a typical cost and reviews."""

import random

from doctors.models import CostRange, DoctorProfile, Experience, Review
from treatments.models import Treatment

# The treatments each demo doctor's reviews name (the doctors of doctors/demo_reviews.py).
TREATMENTS_BY_DOCTOR = {
    "Marco Bellini": ["Breast augmentation", "Rhinoplasty", "Lip filler"],
    "Elliot Varga": ["Botox", "Lip filler", "Laser resurfacing"],
    "Helena Brandt": ["Botox", "Microneedling", "Tear trough filler"],
    "Adrian Kessler": ["Botox", "Rhinoplasty", "Masseter reduction", "Blepharoplasty"],
}
# How often patients paid each range, by treatment (relative weights).
COSTS = {
    "Botox": {
        CostRange.UNDER_250: 3, CostRange.TO_500: 6, CostRange.TO_1000: 3, CostRange.TO_3000: 1
    },
    "Lip filler": {CostRange.TO_500: 2, CostRange.TO_1000: 6, CostRange.TO_3000: 2},
    "Rhinoplasty": {CostRange.TO_10000: 5, CostRange.OVER_10000: 4},
    "Breast augmentation": {CostRange.TO_10000: 6, CostRange.OVER_10000: 3},
    "Laser resurfacing": {CostRange.TO_1000: 3, CostRange.TO_3000: 5, CostRange.TO_10000: 1},
    "Microneedling": {CostRange.TO_500: 4, CostRange.TO_1000: 4, CostRange.TO_3000: 1},
    "Tear trough filler": {CostRange.TO_1000: 5, CostRange.TO_3000: 3},
    "Masseter reduction": {CostRange.TO_500: 3, CostRange.TO_1000: 5, CostRange.TO_3000: 2},
    "Blepharoplasty": {CostRange.TO_3000: 2, CostRange.TO_10000: 6, CostRange.OVER_10000: 1},
}  # fmt: skip


def seed_review_treatments() -> int:
    """Give the demo reviews that name no treatment one of their doctor's, and most of those
    based on the treatment a cost; returns how many reviews were given one."""
    rng = random.Random(2026)  # noqa: S311 - fixed demo data, not security
    treatments = {
        name: Treatment.objects.get_or_create(name=name)[0]
        for names in TREATMENTS_BY_DOCTOR.values()
        for name in names
    }
    changed = []
    for doctor_name, names in TREATMENTS_BY_DOCTOR.items():
        doctor = DoctorProfile.objects.filter(name=doctor_name).first()
        if doctor is None:
            continue
        for review in doctor.reviews.filter(treatment__isnull=True).order_by("created_at", "pk"):
            name = rng.choice(names)
            review.treatment = treatments[name]
            # Consultations cost nothing worth reporting; one patient in six keeps it to themselves.
            if review.experience != Experience.CONSULTATION and rng.random() > 1 / 6:
                ranges, weights = zip(*COSTS[name].items(), strict=True)
                review.cost_range = rng.choices(ranges, weights=weights)[0]
            changed.append(review)
    Review.objects.bulk_update(changed, ["treatment", "cost_range"])
    return len(changed)
