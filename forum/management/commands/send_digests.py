from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts import notifications
from accounts.models import User
from doctors.models import DoctorProfile
from forum.models import Question

MAX_QUESTIONS = 20
# A second run on the same day (a retried cron job) sends nothing again.
MIN_INTERVAL = timedelta(hours=20)


class Command(BaseCommand):
    help = (
        "Email each verified doctor the questions asked in the last day in the treatments they "
        "follow that nobody has answered yet. Run it once a day from a scheduler (cron, a "
        "systemd timer); the emails go out through django.tasks."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        doctors = (
            DoctorProfile.objects.verified()
            .filter(user__notify_digest=True, followed_treatments__isnull=False)
            .exclude(user__digest_sent_at__gt=now - MIN_INTERVAL)
            .select_related("user")
            .prefetch_related("followed_treatments")
            .distinct()
        )
        sent = 0
        for profile in doctors:
            sent += self.send(profile, now)
        self.stdout.write(f"Sent {sent} digest(s).")

    def send(self, profile: DoctorProfile, now) -> bool:
        since = max(now - timedelta(days=1), profile.user.digest_sent_at or now - timedelta(days=1))
        questions = list(
            Question.objects.for_listing()
            .unanswered()
            .filter(
                created_at__gte=since,
                tagged_items__tag__in=profile.followed_treatments.all(),
            )
            .exclude(answers__doctor=profile)
            .distinct()
            .order_by("-created_at")[:MAX_QUESTIONS]
        )
        if not questions:
            return False
        for question in questions:
            question.treatment_names = ", ".join(t.name for t in question.treatments.all())
        with transaction.atomic():
            User.objects.filter(pk=profile.user_id).update(digest_sent_at=now)
            return notifications.notify(
                profile.user, "digest", "digest", {"questions": questions, "profile": profile}
            )
