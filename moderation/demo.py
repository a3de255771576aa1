"""Work waiting in the demo's moderation admin: open reports and one banned account."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from doctors.models import Review
from forum.models import Answer, Question
from moderation import services
from moderation.models import ReportReason
from moderation.views import REPORTABLE


def seed_moderation(moderator: User) -> int:
    """Returns how many reports are open."""
    reporters = list(User.objects.filter(email__startswith="asker").order_by("email")[:2])
    question = Question.objects.visible().order_by("-created_at").first()
    answer = Answer.objects.public().order_by("created_at").last()
    review = Review.objects.filter(status="published").order_by("created_at").first()
    reports = [
        (reporters[0], question, ReportReason.PRIVACY, "The photo shows a tattoo with a name."),
        (reporters[1], answer, ReportReason.MISINFORMATION, "This contradicts the other answers."),
        (reporters[0], review, ReportReason.SPAM, "Reads like an advert for the clinic."),
    ]
    for reporter, item, reason, details in reports:
        kind = REPORTABLE[type(item).__name__.lower()] if item is not None else None
        if kind is not None and kind.author_id(item) != reporter.pk:
            services.report_submit(reporter=reporter, item=item, reason=reason, details=details)
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
    return len(reports)
