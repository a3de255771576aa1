"""Demo accounts for `manage.py seed_demo`: fictional people with a published password."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import Group

from accounts.models import MODERATORS_GROUP, Role, User

DEMO_PASSWORD = "docanswers-demo"  # noqa: S105 - printed for anyone trying the site locally
# The demo staff's authenticator app: the admin asks staff for a second factor. Add this
# secret to an authenticator app, or print the current code with `manage.py demo_code`
# (DEBUG=1).
DEMO_TOTP_SECRET = "DOCANSWERSDEMOMODERATORTOTPKEY23"  # noqa: S105 - public, like the password


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
    DemoUser("patient@example.com", "Jasmine", Role.PATIENT, "patient"),
    DemoUser("patient2@example.com", "Marcus Webb", Role.PATIENT, "patient"),
    DemoUser("doctor@example.com", "Nora Lindqvist", Role.DOCTOR, "doctor"),
    DemoUser("moderator@example.com", "Priya Moss", Role.PATIENT, "moderator", moderator=True),
    DemoUser("admin@example.com", "Rowan Ellis", Role.PATIENT, "superuser", superuser=True),
]

# Other askers of the demo questions; they sign in with the same password.
DEMO_ASKERS = ["Lena Fischer", "Tomás Rivera", "Aiko Tanaka", "Grace Okoye", "Sam Patel"]


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
    if (user.is_staff or user.is_doctor) and not is_mfa_enabled(user):
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def seed_users() -> list[User]:
    users = [seed_user(demo) for demo in DEMO_USERS]
    for number, name in enumerate(DEMO_ASKERS, start=1):
        seed_user(DemoUser(f"asker{number}@example.com", name, Role.PATIENT, "patient"))
    return users
