from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of the demo doctors, moderator and superuser, for "
        "trying the site without an authenticator app. Development only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code runs only with DEBUG=1: the demo secret is public.")
        counter = int(timezone.now().timestamp()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
