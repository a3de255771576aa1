"""The moderation log: every action, written by the services in the transaction that acts."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from moderation.models import OPEN, Action, ModerationAction, Report, ReportStatus

PHOTO_VIEW_WINDOW = timedelta(minutes=10)


def record(
    *,
    actor,
    action: str,
    item: models.Model,
    reason: str = "",
    before: str = "",
    after: str = "",
) -> ModerationAction:
    """Log one action. `actor` is None when the site acted on its own."""
    return ModerationAction.objects.create(
        actor=actor,
        actor_name=str(actor)[:80] if actor is not None else "",
        action=action,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        item_label=str(item)[:200],
        reason=reason,
        status_before=before[:40],
        status_after=after[:40],
    )


def photo_viewed(moderator, photo: models.Model) -> None:
    """A moderator opened a photo only moderators and the asker may see. The thumbnails and
    sizes of one look are one entry: repeats within ten minutes are not logged again."""
    viewed(moderator, photo, Action.PHOTO_VIEWED)


def viewed(moderator, item: models.Model, action: str) -> None:
    """A moderator saw what only its members may (a restricted photo, a reported private
    consultation): one entry per look, not one for every page or photo size of it."""
    recent = ModerationAction.objects.filter(
        actor=moderator,
        action=action,
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        created_at__gte=timezone.now() - PHOTO_VIEW_WINDOW,
    )
    if not recent.exists():
        record(actor=moderator, action=action, item=item)


def forget(model: type[models.Model], ids: list[int], *, label: str, resolution: str) -> None:
    """What its author took back (deleted with their account, or photos withdrawn from a
    question) keeps no title or photo description in the log, and its open reports close: the
    entries themselves stay, for the record."""
    content_type = ContentType.objects.get_for_model(model)
    ModerationAction.objects.filter(content_type=content_type, object_id__in=ids).update(
        item_label=label
    )
    Report.objects.filter(OPEN, content_type=content_type, object_id__in=ids).update(
        status=ReportStatus.DISMISSED,
        resolved_at=timezone.now(),
        resolution=resolution,
        details="",
    )
