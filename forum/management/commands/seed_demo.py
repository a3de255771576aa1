from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seed_users
from consultations.demo import seed_consultations
from doctors.demo import seed_doctors
from doctors.demo_reviews import seed_reviews
from doctors.demo_treatments import seed_review_treatments
from forum import search
from forum.demo import (
    demo_reports,
    seed_answers,
    seed_follow_ups,
    seed_notifications,
    seed_questions,
)
from forum.services import recount_all_treatments
from gallery.demo import seed_gallery
from moderation.demo import seed_moderation


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and questions. Safe to run again; development only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo passwords are public: never on a real site.",
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the accounts.")

    def handle(self, *args, force: bool = False, quiet: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with published passwords, so it runs only with "
                "DEBUG=1 (as `make run` does). Use --force to run it anyway on a test copy."
            )
        with transaction.atomic():
            users = seed_users()
            moderator = next(user for user in users if user.is_staff and not user.is_superuser)
            doctors = seed_doctors(moderator)
            questions = seed_questions()
            answers = seed_answers(doctors)
            updates = seed_follow_ups()
            seed_notifications()
            reviews = seed_reviews()
            seed_review_treatments()
            reports = seed_moderation(moderator, demo_reports())
            pairs = seed_gallery(doctors)
            consultations = seed_consultations()
            search.refresh_all()
            recount_all_treatments()
        if not quiet:
            self.stdout.write(
                f"\nAdded {questions} demo question(s), {answers} answer(s), "
                f"{updates} follow-up(s), {reviews} review(s), {reports} report(s) for the "
                f"moderators, {pairs} before-and-after pair(s), {consultations} consultation(s)."
            )
            self.print_accounts(users)

    def print_accounts(self, users) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for demo, user in zip(DEMO_USERS, users, strict=True):
            self.stdout.write(f"  {demo.label:<10} {user.email:<24} {user.display_name}")
        self.stdout.write(
            "  Doctors, the moderator and the superuser also give a code from an authenticator "
            f"app set up with the key {DEMO_TOTP_SECRET},\n"
            "  or the code `DEBUG=1 .venv/bin/python manage.py demo_code` prints. "
            "Staff open /admin/."
        )
        self.stdout.write(
            "  Other demo doctors: seattle.fps@example.com (verified), "
            "miami.surgeon@example.com (pending), denver.derm@example.com (rejected),\n"
            "  austin.derm@example.com (licence verification expired).\n"
        )
