from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import photos

RESERVED_SLUGS = {"apply", "dashboard"}  # paths under /doctors/


class Specialty(models.Model):
    """A specialty as the answer line shows it ("Facial Plastic Surgeon"). Moderators add more."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"
    SUSPENDED = "suspended", "Suspended"


class DoctorProfileQuerySet(models.QuerySet):
    def verified(self) -> "DoctorProfileQuerySet":
        return self.filter(status=Status.VERIFIED)

    def for_cards(self) -> "DoctorProfileQuerySet":
        return self.select_related("specialty").only(
            "id",
            "slug",
            "name",
            "credentials",
            "city",
            "region",
            "answer_count",
            "headshot_key",
            "headshot_width",
            "headshot_height",
            "specialty__name",
        )


class DoctorProfile(models.Model):
    """A doctor's public identity and licence, and where verification stands."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doctor_profile"
    )
    slug = models.SlugField(max_length=80, unique=True, null=True, blank=True)
    name = models.CharField("full name", max_length=100, blank=True)
    credentials = models.JSONField(default=list, blank=True)
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, null=True, blank=True, related_name="doctors"
    )
    practice_name = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=80, blank=True)
    region = models.CharField("state or region", max_length=80, blank=True)
    country = models.CharField(max_length=80, blank=True)
    website = models.URLField(blank=True)
    bio = models.TextField(max_length=3000, blank=True)
    headshot_key = models.CharField(max_length=32, blank=True)
    headshot_width = models.PositiveIntegerField(null=True, blank=True)
    headshot_height = models.PositiveIntegerField(null=True, blank=True)
    licence_number = models.CharField(max_length=60, blank=True)
    licence_jurisdiction = models.CharField("issued by", max_length=120, blank=True)
    board_certification = models.CharField(max_length=160, blank=True)
    followed_treatments = models.ManyToManyField(
        "forum.Treatment", blank=True, related_name="following_doctors"
    )

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    status_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # Kept by the answer services in the same transaction as the answers.
    answer_count = models.PositiveIntegerField(default=0)

    objects = DoctorProfileQuerySet.as_manager()

    REQUIRED_FOR_REVIEW = {
        "name": "your full name",
        "credentials": "your credentials (for example MD)",
        "specialty": "your specialty",
        "city": "the city you practise in",
        "country": "your country",
        "licence_number": "your licence number",
        "licence_jurisdiction": "who issued your licence",
    }

    class Meta:
        indexes = [
            models.Index(F("name"), name="doctor_verified_name", condition=Q(status="verified")),
            models.Index(fields=["status", "city"], name="doctor_status_city"),
            models.Index(fields=["status", "submitted_at"], name="doctor_status_submitted"),
        ]

    def __str__(self) -> str:
        return self.display_name or f"Doctor account {self.user_id}"

    def get_absolute_url(self) -> str:
        return reverse("doctors:profile", args=[self.slug])

    @property
    def display_name(self) -> str:
        """ "Sam Naficy, MD, FACS" """
        return ", ".join([self.name, *self.credentials]) if self.name else ""

    @property
    def practice_line(self) -> str:
        """ "Seattle Facial Plastic Surgeon", as under every answer."""
        return " ".join(part for part in [self.city, str(self.specialty or "")] if part)

    @property
    def is_verified(self) -> bool:
        return self.status == Status.VERIFIED

    @property
    def is_public(self) -> bool:
        return self.status == Status.VERIFIED and bool(self.slug)

    def missing_for_review(self) -> list[str]:
        return [
            label
            for field, label in self.REQUIRED_FOR_REVIEW.items()
            if not getattr(self, field + "_id" if field == "specialty" else field)
        ]

    def headshot_file_name(self, size: str) -> str:
        return f"headshots/{self.headshot_key[:2]}/{self.headshot_key}/{photos.SIZES[size][0]}"

    def headshot_url(self, size: str = "320") -> str:
        return reverse("doctors:headshot", args=[self.slug, size]) if self.headshot_key else ""

    @property
    def headshot_large_url(self) -> str:
        return self.headshot_url("960")

    def ensure_slug(self) -> None:
        if self.slug or not self.name:
            return
        base = slugify(self.name)[:70] or "doctor"
        if base in RESERVED_SLUGS:
            base = f"{base}-md"
        slug, number = base, 1
        while DoctorProfile.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        self.slug = slug


class VerificationDecision(models.Model):
    """Every change of verification status: who, when and why. Never edited."""

    profile = models.ForeignKey(DoctorProfile, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(max_length=10, choices=Status)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.decided_at:%Y-%m-%d}"
