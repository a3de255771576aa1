from functools import cached_property

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.validators import normalize_display_name, validate_display_name

MODERATORS_GROUP = "Moderators"
# Who wrote a question or review that stays up after its author deleted their account.
FORMER_MEMBER = "Former member"


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    DOCTOR = "doctor", "Doctor"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone with an account. Others only ever see the display name, never the email."""

    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(
        max_length=40,
        validators=[validate_display_name],
        help_text="Shown on everything you post. Other members never see your email address.",
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.PATIENT)
    is_staff = models.BooleanField(
        "staff status",
        default=False,
        help_text="Can log in to the moderation admin.",
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # The bell's count, kept here so that no signed-in page counts notifications.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    # A ban (set by a moderator): the member cannot log in or post until it ends, if ever.
    banned_at = models.DateTimeField(null=True, blank=True)
    banned_until = models.DateTimeField(
        null=True, blank=True, help_text="Empty for a ban without an end date."
    )
    ban_reason = models.TextField(blank=True, max_length=1000)
    # Which emails the member wants (accounts/notifications.py); each email can switch its own off.
    notify_answers = models.BooleanField("a doctor answers my question", default=True)
    notify_followed = models.BooleanField("a doctor answers a question I follow", default=True)
    notify_replies = models.BooleanField("a doctor replies to my review", default=True)
    notify_treatments = models.BooleanField(
        "a patient asks about a treatment I follow", default=True
    )
    notify_verification = models.BooleanField(
        "a moderator decides on my doctor application", default=True
    )
    notify_updates = models.BooleanField(
        "a patient adds an update to a question I answered (doctors)", default=True
    )
    notify_digest = models.BooleanField(
        "a daily digest of new unanswered questions in my treatments (doctors)", default=True
    )
    notify_consultations = models.BooleanField(
        "a new consultation request, or a message in one of my consultations", default=True
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        permissions = [("ban_user", "Can ban and unban members")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_unique",
                violation_error_message="An account with this email address already exists.",
            ),
            models.UniqueConstraint(
                Lower("display_name"),
                name="accounts_user_display_name_unique",
                violation_error_message="This display name is taken. Please choose another.",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        self.display_name = normalize_display_name(self.display_name)

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_doctor(self) -> bool:
        return self.role == Role.DOCTOR

    @property
    def is_banned(self) -> bool:
        if self.banned_at is None:
            return False
        return self.banned_until is None or self.banned_until > timezone.now()

    @property
    def is_new(self) -> bool:
        """Younger than settings.NEW_ACCOUNT_AGE: stricter posting limits apply."""
        return timezone.now() - self.date_joined < settings.NEW_ACCOUNT_AGE

    @cached_property
    def is_moderator(self) -> bool:
        """Active staff with two-factor authentication, in the Moderators group or superusers:
        what the admin lets in, and who may open restricted photos on the site."""
        from allauth.mfa.utils import is_mfa_enabled

        return (
            self.is_active
            and self.is_staff
            and (self.is_superuser or self.groups.filter(name=MODERATORS_GROUP).exists())
            and is_mfa_enabled(self)
        )

    @cached_property
    def has_verified_email(self) -> bool:
        return EmailAddress.objects.filter(user=self, verified=True).exists()


class DataExport(models.Model):
    """A member's copy of their data: a zip built by a background task, downloadable by them
    for EXPORT_DAYS, then erased."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index("user", models.F("created_at").desc(), name="export_by_user"),
            models.Index(fields=["expires_at"], name="export_expiry"),
        ]

    def __str__(self) -> str:
        return f"Data of {self.user} ({self.get_status_display().lower()})"

    @property
    def is_downloadable(self) -> bool:
        return (
            self.status == self.Status.READY
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class Notification(models.Model):
    """What happened that concerns a member, listed on their notifications page beside (and
    whatever they chose for) the emails: a line of text, written when it happened, and where
    to look."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index("user", models.F("created_at").desc(), name="notification_by_user"),
            # The bell's count: only the unread ones are in it.
            models.Index(
                fields=["user"], condition=models.Q(read_at=None), name="notification_unread"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
