from django.core.management.base import BaseCommand

from doctors import services


class Command(BaseCommand):
    help = (
        "The daily licence check: verified doctors whose licence's end date has passed lose "
        "the Verified badge and the right to answer (and are emailed); those whose licence "
        "ends within 30 days are reminded once. Run it once a day from a scheduler."
    )

    def handle(self, *args, **options):
        expired, reminded = services.licences_check()
        for profile in expired:
            self.stdout.write(
                f"Expired: {profile} (#{profile.pk}), valid until {profile.licence_expires_on}"
            )
        for profile in reminded:
            self.stdout.write(
                f"Reminded: {profile} (#{profile.pk}), valid until {profile.licence_expires_on}"
            )
        self.stdout.write(f"{len(expired)} expired, {len(reminded)} reminded.")
