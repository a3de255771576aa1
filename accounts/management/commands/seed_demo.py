from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import MODERATORS_GROUP, Role, User

DEMO_PASSWORD = "docanswers-demo"  # noqa: S105 - printed for anyone trying the site locally


@dataclass(frozen=True)
class DemoUser:
    email: str
    display_name: str
    role: str
    label: str
    moderator: bool = False
    superuser: bool = False


# Fictional people only.
DEMO_USERS = [
    DemoUser("patient@example.com", "Jasmine R", Role.PATIENT, "patient"),
    DemoUser("patient2@example.com", "Marcus Webb", Role.PATIENT, "patient"),
    DemoUser("doctor@example.com", "Nora Lindqvist", Role.DOCTOR, "doctor"),
    DemoUser("moderator@example.com", "Priya Moss", Role.PATIENT, "moderator", moderator=True),
    DemoUser("admin@example.com", "Rowan Ellis", Role.PATIENT, "superuser", superuser=True),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts. Safe to run again; development only."

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
            users = [seed_user(demo) for demo in DEMO_USERS]
        if not quiet:
            self.print_accounts(users)

    def print_accounts(self, users: list[User]) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for demo, user in zip(DEMO_USERS, users, strict=True):
            self.stdout.write(f"  {demo.label:<10} {user.email:<24} {user.display_name}")
        self.stdout.write("  The moderator and superuser also sign in to /admin/.\n")


def seed_user(demo: DemoUser) -> User:
    user, _ = User.objects.update_or_create(
        email=demo.email,
        defaults={
            "display_name": demo.display_name,
            "role": demo.role,
            "is_staff": demo.moderator or demo.superuser,
            "is_superuser": demo.superuser,
            "is_active": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=demo.email, defaults={"verified": True, "primary": True}
    )
    if demo.moderator:
        user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user
