from django.core.management.base import BaseCommand

from forum.services import recount_all_treatments
from treatments.models import Treatment


class Command(BaseCommand):
    help = (
        "Recount every treatment's questions that the public sees (after a deploy that changed "
        "how they are counted, or to check); names the treatments whose count had drifted."
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
