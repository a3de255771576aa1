from django.core.management.base import BaseCommand
from django.db import transaction

from doctors.models import RATING_FIELDS as FIELDS
from doctors.models import DoctorProfile


class Command(BaseCommand):
    help = "Recompute every doctor's rating from the reviews; report the doctors that drifted."

    def handle(self, *args, **options):
        drifted = 0
        for pk in DoctorProfile.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                doctor = DoctorProfile.objects.select_for_update().get(pk=pk)
                stored = {name: getattr(doctor, name) for name in FIELDS}
                doctor.refresh_rating()
                fresh = {name: getattr(doctor, name) for name in FIELDS}
            changes = {
                name: (stored[name], fresh[name])
                for name in FIELDS
                if not same(stored[name], fresh[name])
            }
            if changes:
                drifted += 1
                described = ", ".join(
                    f"{name} {old} -> {new}" for name, (old, new) in changes.items()
                )
                self.stdout.write(f"{doctor} (#{doctor.pk}) had drifted: {described}")
        self.stdout.write(
            f"Recomputed {DoctorProfile.objects.count()} doctors; {drifted} had drifted."
        )


def same(old, new) -> bool:
    if isinstance(old, float) or isinstance(new, float):
        return abs(float(old) - float(new)) < 1e-9
    return old == new
