"""Doctors' before-and-after photo pairs: a verified doctor posts a pair for one treatment,
with the patient's written consent recorded on it. The photos are public while the pair is;
moderators can hide a pair like any other content."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

import photos
from accounts import notifications
from accounts.models import User
from doctors.models import DoctorProfile
from moderation.models import PUBLISHED, Moderated


class TimeAfter(models.TextChoices):
    DAYS = "days", "A few days after"
    WEEKS_2 = "weeks_2", "2 weeks after"
    MONTH_1 = "month_1", "1 month after"
    MONTHS_3 = "months_3", "3 months after"
    MONTHS_6 = "months_6", "6 months after"
    YEAR_1 = "year_1", "1 year or more after"


def _public() -> Q:
    return PUBLISHED & Q(doctor__in=DoctorProfile.objects.public())


class PairQuerySet(models.QuerySet):
    def published(self) -> "PairQuerySet":
        """What the public sees: published pairs of doctors whose profile is public (not those
        of a suspended or rejected doctor)."""
        return self.filter(_public())

    def visible_to(self, user) -> "PairQuerySet":
        """Published pairs; moderators and the doctor who posted them also see hidden ones."""
        if user.is_authenticated and user.is_moderator:
            return self
        if user.is_authenticated:
            return self.filter(_public() | Q(doctor__user=user))
        return self.published()

    def for_display(self) -> "PairQuerySet":
        """What a pair card shows, in two queries whatever the number of pairs."""
        return (
            self.select_related("doctor", "treatment")
            .prefetch_related("photos")
            .order_by("-created_at", "-id")
        )


class Pair(Moderated):
    """A before photo and an after photo of one patient's treatment, posted by their doctor."""

    doctor = models.ForeignKey(
        "doctors.DoctorProfile", on_delete=models.CASCADE, related_name="gallery_pairs"
    )
    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.CASCADE, related_name="gallery_pairs"
    )
    caption = models.TextField(max_length=600)
    time_after = models.CharField(
        "when the after photo was taken", max_length=10, choices=TimeAfter
    )
    # The doctor's statement that the patient gave written consent to publish these photos,
    # who made it and when.
    consent_given = models.BooleanField("patient's written consent recorded", default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = PairQuerySet.as_manager()
    noun = "pair"

    class Meta:
        verbose_name = "before-and-after pair"
        constraints = [
            models.CheckConstraint(condition=Q(consent_given=True), name="pair_has_consent"),
        ]
        indexes = [
            models.Index(
                "doctor", "status", F("created_at").desc(), F("id").desc(), name="pair_by_doctor"
            ),
            models.Index(
                "treatment",
                "status",
                F("created_at").desc(),
                F("id").desc(),
                name="pair_by_treatment",
            ),
        ]

    def __str__(self) -> str:
        # Its own field only: the report list and the log label many pairs at once.
        return f"Before and after: {Truncator(self.caption).chars(80)}"

    def get_absolute_url(self) -> str:
        return f"{reverse('gallery:doctor', args=[self.doctor.slug])}#pair-{self.pk}"

    @classmethod
    def posted_by(cls, user) -> PairQuerySet:
        return cls.objects.filter(doctor__user=user)

    def author_id_for_moderation(self) -> int | None:
        return self.doctor.user_id

    def hidden_by_moderator(self, reason: str) -> None:
        """The doctor learns why in their notifications (after the moderator's commit)."""
        user_id, url = self.doctor.user_id, self.get_absolute_url()
        text = f"Moderators hid your before-and-after photos of {self.treatment.name}: {reason}"
        transaction.on_commit(lambda: notifications.record(User.objects.get(pk=user_id), text, url))

    def photo(self, side: str) -> "PairPhoto | None":
        return next((photo for photo in self.photos.all() if photo.side == side), None)

    @property
    def before(self) -> "PairPhoto | None":
        return self.photo(Side.BEFORE)

    @property
    def after(self) -> "PairPhoto | None":
        return self.photo(Side.AFTER)

    def file_names(self) -> list[str]:
        return [name for photo in self.photos.all() for name in photo.file_names()]


class Side(models.TextChoices):
    BEFORE = "before", "Before"
    AFTER = "after", "After"


class PairPhoto(photos.StoredPhoto, models.Model):
    """One re-encoded photo of a pair, stored under gallery/ by a random key."""

    folder = "gallery"

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="photos")
    side = models.CharField(max_length=6, choices=Side)
    key = models.CharField(max_length=32, unique=True, default=photos.new_key, editable=False)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "side"], name="pair_photo_one_per_side")
        ]

    def __str__(self) -> str:
        return self.alt_text

    def url(self, size: str = "full") -> str:
        return reverse("gallery:photo", args=[self.key, size])

    @property
    def alt_text(self) -> str:
        pair = self.pair
        return (
            f"{self.get_side_display()} {pair.treatment.name}, photo by {pair.doctor.display_name}"
        )
