from django.core.management.base import BaseCommand

from doctors.models import DoctorProfile
from forum.models import DoctorTreatment
from forum.services import recount_all_treatments, recount_doctor_treatments
from treatments.models import Treatment


class Command(BaseCommand):
    help = (
        "Recount every treatment's questions that the public sees, and each doctor's answers "
        "per treatment that its page ranks doctors by (after a deploy that changed how they "
        "are counted, or to check); names the treatments whose count had drifted."
    )

    def handle(self, *args, **options):
        stored = dict(Treatment.objects.values_list("pk", "question_count"))
        recount_all_treatments()
        drifted = 0
        for treatment in Treatment.objects.order_by("name"):
            if stored.get(treatment.pk) != treatment.question_count:
                drifted += 1
                self.stdout.write(
                    f"{treatment.name}: {stored.get(treatment.pk)} -> {treatment.question_count}"
                )
        self.stdout.write(f"Recounted {len(stored)} treatments; {drifted} had drifted.")
        answers = self.doctor_treatments()
        recount_doctor_treatments(DoctorProfile.objects.values_list("pk", flat=True))
        changed = {doctor for doctor, _ in answers ^ self.doctor_treatments()}
        self.stdout.write(
            f"Recounted the doctors' answers per treatment; {len(changed)} doctor's answers per "
            "treatment had drifted."
        )

    @staticmethod
    def doctor_treatments() -> set[tuple[int, tuple[int, int]]]:
        rows = DoctorTreatment.objects.values_list("doctor_id", "treatment_id", "answer_count")
        return {(doctor, (treatment, count)) for doctor, treatment, count in rows}
