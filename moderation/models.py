"""Reports from members, what moderators did, and what hiding content means."""

from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class ModerationStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    HIDDEN = "hidden", "Hidden by moderators"


PUBLISHED = Q(status=ModerationStatus.PUBLISHED)


class Moderated(models.Model):
    """Content moderators can hide. Hidden content leaves every public page, list and count;
    its author still sees it, marked "Hidden by moderators" with the reason.

    This is the whole of what moderation knows of the content it moderates: each kind (in
    forum and doctors) fills in the methods below and has `objects.visible_to(user)`; the
    report page, the services and the posting limits call only these. Moderation never
    imports the apps above it.
    """

    # The kind's name in report addresses (/report/<noun>/<pk>/), messages and posting limits.
    noun: ClassVar[str]
    # What the reporter is told about who learns of the report.
    report_privacy: ClassVar[str] = "The author is never told who reported them."

    status = models.CharField(
        max_length=10, choices=ModerationStatus, default=ModerationStatus.PUBLISHED
    )
    hidden_reason = models.TextField("why it is hidden", blank=True, max_length=1000)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.status == ModerationStatus.HIDDEN

    @classmethod
    def posted_by(cls, user) -> models.QuerySet:
        """Everything of this kind `user` posted, hidden or not: the posting limits' count
        (for the kinds members post; a photo comes with its question or follow-up)."""
        raise NotImplementedError

    def author_id_for_moderation(self) -> int | None:
        """The account that wrote it (None once they deleted it): they can't report it."""
        raise NotImplementedError

    def lock_for_moderation(self) -> None:
        """Lock the rows the posting services lock before this one (its question, its
        doctor), so hiding and posting never wait on each other."""

    def moderation_changed(self) -> None:
        """Bring every count that includes it up to date with its new status."""

    def hidden_by_moderator(self, reason: str) -> None:
        """A moderator hid it, with `reason`: tell whoever should hear of it (called inside
        the moderator's transaction; send after commit)."""

    def can_be_reported_by(self, user) -> bool:
        """Whether `user`, who can see it, may report it (anyone but its author, by default)."""
        return True

    def is_shown(self) -> bool:
        """Published, and so is what it belongs to: only what is shown can be reported."""
        return not self.is_hidden

    def uncounted_reporters(self) -> set[int]:
        """Members whose reports never hide it automatically (the doctor a review is about)."""
        return set()

    def moderation_url(self) -> str:
        """Where members see it: the report page leads back there."""
        return self.get_absolute_url()


def moderated_kinds() -> dict[str, type[Moderated]]:
    """Every kind of content that can be reported and hidden, by its noun."""
    return {model.noun: model for model in apps.get_models() if issubclass(model, Moderated)}


class ReportReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    MISINFORMATION = "misinformation", "Medical misinformation"
    HARASSMENT = "harassment", "Harassment or abuse"
    PRIVACY = "privacy", "Someone's private information or photos"
    EXPLICIT = "explicit", "Explicit content"
    OTHER = "other", "Something else"


class ReportStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACTIONED = "actioned", "Action taken"
    DISMISSED = "dismissed", "Dismissed"


OPEN = Q(status=ReportStatus.OPEN)


class Report(models.Model):
    """A member's report of a question, photo, answer or review. The author never sees who."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=20, choices=ReportReason)
    details = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=ReportStatus, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(blank=True, max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=OPEN,
                name="report_one_open_per_member",
                violation_error_message="You have already reported this.",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="report_item"),
            models.Index(F("created_at").desc(), name="report_open_newest", condition=OPEN),
            models.Index("reporter", F("created_at").desc(), name="report_by_reporter"),
        ]

    noun: ClassVar[str] = "report"

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_status_display().lower()})"

    @classmethod
    def posted_by(cls, user) -> models.QuerySet:
        return cls.objects.filter(reporter=user)


class Action(models.TextChoices):
    HIDE = "hide", "Hid"
    AUTO_HIDE = "auto_hide", "Hid automatically after reports"
    RESTORE = "restore", "Restored"
    BAN = "ban", "Banned"
    UNBAN = "unban", "Lifted the ban"
    VERIFY = "verify", "Verified"
    REJECT = "reject", "Rejected"
    SUSPEND = "suspend", "Suspended"
    REINSTATE = "reinstate", "Reinstated"
    EXPIRE = "expire", "Licence expired"
    RESOLVE = "resolve", "Resolved a report"
    EDIT = "edit", "Edited"
    DELETE = "delete", "Deleted"
    PHOTO_VIEWED = "photo_viewed", "Opened a restricted photo"
    CONSULTATION_READ = "consultation_read", "Read a reported private consultation"


class ModerationAction(models.Model):
    """One moderation action: who, what, when, why, and the status before and after.

    Written by the services only; the admin shows these read-only and nobody can change them.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the site acted on its own (hidden after reports).",
    )
    # Kept as written, so the entry still says who acted if their account is deleted.
    actor_name = models.CharField("who", max_length=80, blank=True)
    action = models.CharField(max_length=20, choices=Action)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    item_label = models.CharField("item", max_length=200)
    reason = models.TextField(blank=True)
    status_before = models.CharField(max_length=40, blank=True)
    status_after = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "moderation log entry"
        verbose_name_plural = "moderation log"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(F("created_at").desc(), "id", name="action_newest"),
            models.Index("content_type", "object_id", name="action_item"),
            models.Index("actor", "action", F("created_at").desc(), name="action_by_actor"),
        ]

    def __str__(self) -> str:
        who = self.actor_name or "DocAnswers"
        return f"{who}: {self.get_action_display()} “{self.item_label}”"
