from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import DataExport
from privacy.export import erase


class Command(BaseCommand):
    help = "Erase members' data downloads that have expired. Run it daily from a scheduler."

    def handle(self, *args, **options):
        expired = DataExport.objects.filter(expires_at__lte=timezone.now())
        count = 0
        for item in expired:
            with transaction.atomic():
                erase(item)
            count += 1
        self.stdout.write(f"Erased {count} expired download(s).")
