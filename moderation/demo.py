"""Work waiting in the demo's moderation admin: open reports and one banned account."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from moderation import services
from moderation.models import Moderated


def seed_moderation(moderator: User, reports: list[tuple[User, Moderated, str, str]]) -> int:
    """File `reports` (reporter, item, reason, details), skipping what the reporter wrote or
    what is missing, and ban a spammer. Returns how many reports were filed (none again on a
    second run: a member's open report on an item stands)."""
    filed = 0
    for reporter, item, reason, details in reports:
        if item is not None and item.author_id_for_moderation() != reporter.pk:
            _, created = services.report_submit(
                reporter=reporter, item=item, reason=reason, details=details
            )
            filed += created
    spammer, created = User.objects.get_or_create(
        email="spammer@example.com", defaults={"display_name": "Glow Deals"}
    )
    if created:
        spammer.set_unusable_password()
        spammer.save(update_fields=["password"])
        EmailAddress.objects.create(user=spammer, email=spammer.email, verified=True, primary=True)
    if not spammer.is_banned:
        services.ban(
            user=spammer,
            actor=moderator,
            reason="Advertising a clinic's discounts in answers and reviews.",
            until=timezone.now() + timedelta(days=30),
        )
    return filed
