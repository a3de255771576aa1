from django.core.management.base import BaseCommand

from forum import search


class Command(BaseCommand):
    help = (
        "Recompute every question's full-text search vector (PostgreSQL), e.g. after a bulk load."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Rebuilt the search vectors of {search.refresh_all()} question(s).")
