"""Moderation writes: hide and restore, reports, bans. Each runs in one transaction with the
counts it changes and its line in the moderation log."""

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from moderation import audit
from moderation.models import (
    OPEN,
    Action,
    Moderated,
    ModerationAction,
    ModerationStatus,
    Report,
    ReportStatus,
)


def _open_reports(item: models.Model):
    return Report.objects.filter(
        OPEN, content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    )


def _lock(item: Moderated) -> Moderated:
    """Lock the item's parent (its question, or a review's doctor), then the item: the order
    the posting services lock in, so the two never wait on each other."""
    item.lock_for_moderation()
    return type(item).objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def set_hidden(
    item: Moderated, *, hidden: bool, actor: User | None, reason: str = "", action: str = ""
) -> bool:
    """Hide (with a reason the author will read) or restore a question, photo, answer or
    review. A moderator's decision closes the item's open reports: hiding as "action taken",
    restoring as "dismissed". Hiding what the site hid after reports confirms it, with the
    moderator's reason. Returns False if there was nothing to do.

    Raises ValidationError without a reason, and DoesNotExist if the item is gone.
    """
    reason = reason.strip()
    if hidden and not reason:
        raise ValidationError("Give a reason: the author will see it.")
    locked = _lock(item)
    before = locked.status
    after = ModerationStatus.HIDDEN if hidden else ModerationStatus.PUBLISHED
    if before == after and not (hidden and actor is not None and _open_reports(locked).exists()):
        return False
    type(locked).objects.filter(pk=locked.pk).update(
        status=after,
        hidden_reason=reason if hidden else "",
        hidden_at=(locked.hidden_at or timezone.now()) if hidden else None,
    )
    locked.status = after
    locked.moderation_changed()
    audit.record(
        actor=actor,
        action=action or (Action.HIDE if hidden else Action.RESTORE),
        item=locked,
        reason=reason,
        before=before,
        after=after,
    )
    if actor is not None and hidden:
        locked.hidden_by_moderator(reason)
    if actor is not None:
        outcome = ReportStatus.ACTIONED if hidden else ReportStatus.DISMISSED
        _open_reports(locked).update(
            status=outcome,
            resolved_at=timezone.now(),
            resolved_by=actor,
            resolution="Hidden" if hidden else "Restored",
        )
    item.status, item.hidden_reason = after, reason if hidden else ""
    return True


def _restored_by_a_moderator(item: models.Model) -> bool:
    return ModerationAction.objects.filter(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        action=Action.RESTORE,
        actor__isnull=False,
    ).exists()


def _hidden_automatically(item: models.Model) -> bool:
    last = (
        ModerationAction.objects.filter(
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            action__in=[Action.HIDE, Action.AUTO_HIDE, Action.RESTORE],
        )
        .order_by("-created_at", "-id")
        .first()
    )
    return last is not None and last.action == Action.AUTO_HIDE


def report_submit(
    *, reporter: User, item: Moderated, reason: str, details: str
) -> tuple[Report, bool]:
    """File the member's report, unless they have one open on this item already.

    When settings.MODERATION_AUTO_HIDE_REPORTERS different members have open reports on the
    item, it is hidden until a moderator looks at it; the report of a review by the doctor it
    is about does not count. Returns (report, created).
    """
    with transaction.atomic():
        # The item's row lock makes reports of one item queue, so the count below is exact.
        locked = _lock(item)
        existing = _open_reports(locked).filter(reporter=reporter).first()
        if existing:
            return existing, False
        report = Report.objects.create(
            reporter=reporter,
            content_type=ContentType.objects.get_for_model(locked),
            object_id=locked.pk,
            reason=reason,
            details=details.strip(),
        )
        # The doctor reviewed can report a review, but never get it hidden that way.
        counted = _open_reports(locked).exclude(reporter_id__in=locked.uncounted_reporters())
        reporters = counted.values("reporter").distinct().count()
        threshold = settings.MODERATION_AUTO_HIDE_REPORTERS
        if (
            reporters >= threshold
            and locked.status == ModerationStatus.PUBLISHED
            and not _restored_by_a_moderator(locked)
        ):
            set_hidden(
                locked,
                hidden=True,
                actor=None,
                action=Action.AUTO_HIDE,
                reason=f"Hidden after {reporters} members reported it, until a moderator "
                "reviews it.",
            )
    return report, True


@transaction.atomic
def report_resolve(*, report: Report, actor: User, outcome: str, note: str = "") -> bool:
    """Close an open report as "action taken" or "dismissed". Returns False if not open.

    Dismissing the last open report on an item the site hid after reports restores it.
    """
    if outcome not in (ReportStatus.ACTIONED, ReportStatus.DISMISSED):
        raise ValueError(f"Not an outcome: {outcome}")
    locked = Report.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None or locked.status != ReportStatus.OPEN:
        return False
    Report.objects.filter(pk=locked.pk).update(
        status=outcome, resolved_at=timezone.now(), resolved_by=actor, resolution=note.strip()
    )
    audit.record(
        actor=actor,
        action=Action.RESOLVE,
        item=locked,
        reason=note.strip(),
        before=ReportStatus.OPEN,
        after=outcome,
    )
    item = locked.item
    if (
        outcome == ReportStatus.DISMISSED
        and item is not None
        and item.status == ModerationStatus.HIDDEN
        and _hidden_automatically(item)
        and not _open_reports(item).exists()
    ):
        set_hidden(item, hidden=False, actor=actor)
    return True


@transaction.atomic
def ban(*, user: User, actor: User, reason: str, until: datetime | None = None) -> None:
    """Stop the member logging in and posting, until `until` or until lifted."""
    if user.is_staff or user.is_superuser:
        raise ValidationError(f"{user} is staff: remove their staff access first.")
    if not reason.strip():
        raise ValidationError("Give a reason: the member will see it.")
    if until is not None and until <= timezone.now():
        raise ValidationError("The end of the ban must be in the future.")
    locked = User.objects.select_for_update().get(pk=user.pk)
    before = "banned" if locked.is_banned else "active"
    User.objects.filter(pk=locked.pk).update(
        banned_at=timezone.now(), banned_until=until, ban_reason=reason.strip()
    )
    after = f"banned until {until:%Y-%m-%d %H:%M}" if until else "banned"
    audit.record(
        actor=actor,
        action=Action.BAN,
        item=locked,
        reason=reason.strip(),
        before=before,
        after=after,
    )


@transaction.atomic
def unban(*, user: User, actor: User) -> bool:
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.banned_at is None:
        return False
    before = "banned" if locked.is_banned else "ban ended"
    User.objects.filter(pk=locked.pk).update(banned_at=None, banned_until=None, ban_reason="")
    audit.record(actor=actor, action=Action.UNBAN, item=locked, before=before, after="active")
    return True
