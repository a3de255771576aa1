import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, ExpressionWrapper, F, Q, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

import photos
from accounts.models import FORMER_MEMBER
from doctors import places
from moderation.models import PUBLISHED, Moderated, ModerationStatus

RESERVED_SLUGS = {"apply", "dashboard"}  # paths under /doctors/

# How long before a licence's end date the doctor is reminded and moderators see it coming.
LICENCE_WARNING = timedelta(days=30)

# The directory's order: a Bayesian average that starts every doctor at RANKING_PRIOR_MEAN
# as if they had RANKING_PRIOR_WEIGHT reviews of that mean, so a few reviews move it little and
# many move it a lot: 5.0 from 1 review ranks 4.09, below 4.7 from 221 reviews (4.67).
RANKING_PRIOR_MEAN = 4.0
RANKING_PRIOR_WEIGHT = 10


class Specialty(models.Model):
    """A specialty as the answer line shows it ("Facial Plastic Surgeon"). Moderators add more."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        doctors = list(self.doctors.select_related("specialty"))
        for doctor in doctors:  # a renamed specialty: what search matches its doctors by
            doctor.search_text = doctor.searchable_text()
        DoctorProfile.objects.bulk_update(doctors, ["search_text"])


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Pending review"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"
    SUSPENDED = "suspended", "Suspended"
    # Set by `manage.py check_licences` once the licence's end date has passed.
    EXPIRED = "expired", "Licence verification expired"


# Whose public profile can be opened: the verified, those whose licence has lapsed since (their
# answers stay up, so their profile says "Licence verification expired"), and those verified
# before whose renewed licence a moderator is checking.
PUBLIC = Q(status__in=(Status.VERIFIED, Status.EXPIRED)) | Q(
    status=Status.PENDING, verified_at__isnull=False
)


class DoctorProfileQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As save() does, each profile gets the text search matches it by."""
        objs = list(objs)
        for doctor in objs:
            doctor.search_text = doctor.searchable_text()
        return super().bulk_create(objs, *args, **kwargs)

    def verified(self) -> "DoctorProfileQuerySet":
        return self.filter(status=Status.VERIFIED)

    def public(self) -> "DoctorProfileQuerySet":
        """Those whose profile page opens: verified, or verified once and lapsed since."""
        return self.filter(PUBLIC)

    def licence_ending(self) -> "DoctorProfileQuerySet":
        """Verified, with a licence that ends within LICENCE_WARNING (and has not yet)."""
        today = timezone.localdate()
        return self.verified().filter(
            licence_expires_on__gte=today, licence_expires_on__lte=today + LICENCE_WARNING
        )

    def near(self, place: "places.Place", miles: float) -> "DoctorProfileQuerySet":
        """The practices within `miles` of `place`, each with its `.distance` in miles: the box
        around the place first (an index on latitude and longitude), then the great-circle
        distance (haversine) of what is in it."""
        south, north, west, east = places.bounding_box(place, miles)
        lat0, lng0 = Radians(Value(place.latitude)), Radians(Value(place.longitude))
        lat, lng = Radians(F("latitude")), Radians(F("longitude"))
        half_chord = Power(Sin((lat - lat0) / 2), 2) + Cos(lat0) * Cos(lat) * Power(
            Sin((lng - lng0) / 2), 2
        )
        distance = Value(2 * places.EARTH_RADIUS_MILES) * ASin(Sqrt(half_chord))
        return (
            self.filter(latitude__range=(south, north), longitude__range=(west, east))
            .annotate(distance=ExpressionWrapper(distance, output_field=models.FloatField()))
            .filter(distance__lte=miles)
        )

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
            "review_count",
            "rating_average",
            "user_id",
            "status",
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
    # Where patients find the practice: shown on the profile. The ZIP code also places the
    # practice on the map (latitude and longitude, from the shipped postal-code table) for
    # "doctors near me" and distances in the directory.
    street_address = models.CharField(max_length=160, blank=True)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)
    phone = models.CharField("practice phone", max_length=30, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    accepts_consultations = models.BooleanField(
        "take consultation requests",
        default=True,
        help_text="Patients can send you a private consultation request from your profile.",
    )
    bio = models.TextField(max_length=3000, blank=True)
    headshot_key = models.CharField(max_length=32, blank=True)
    headshot_width = models.PositiveIntegerField(null=True, blank=True)
    headshot_height = models.PositiveIntegerField(null=True, blank=True)
    licence_number = models.CharField(max_length=60, blank=True)
    licence_jurisdiction = models.CharField("issued by", max_length=120, blank=True)
    licence_expires_on = models.DateField(
        "licence valid until",
        null=True,
        blank=True,
        help_text="The last day the licence is valid. When it passes, the doctor loses the "
        "Verified badge and the right to answer until a moderator checks a renewed licence.",
    )
    # The end date the doctor was last reminded of, so each date is reminded of once.
    licence_reminded_for = models.DateField(null=True, blank=True, editable=False)
    board_certification = models.CharField(max_length=160, blank=True)
    followed_treatments = models.ManyToManyField(
        "treatments.Treatment", blank=True, related_name="following_doctors"
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
    # The rating, kept by refresh_rating() in the same transaction as every review change.
    review_count = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    stars_1 = models.PositiveIntegerField(default=0)
    stars_2 = models.PositiveIntegerField(default=0)
    stars_3 = models.PositiveIntegerField(default=0)
    stars_4 = models.PositiveIntegerField(default=0)
    stars_5 = models.PositiveIntegerField(default=0)
    ranking_score = models.FloatField(default=RANKING_PRIOR_MEAN)
    # What search matches a doctor by, lowercased: name, specialty, city and region. Kept by
    # save() (and by Specialty.save() for a renamed specialty); on PostgreSQL a trigram index
    # (migration 0007) lets "contains" use an index instead of reading every doctor.
    search_text = models.TextField(default="", editable=False)

    objects = DoctorProfileQuerySet.as_manager()

    REQUIRED_FOR_REVIEW = {
        "name": "your full name",
        "credentials": "your credentials (for example MD)",
        "specialty": "your specialty",
        "city": "the city you practise in",
        "country": "your country",
        "licence_number": "your licence number",
        "licence_jurisdiction": "who issued your licence",
        "licence_expires_on": "the date your licence is valid until",
    }

    class Meta:
        indexes = [
            models.Index(F("name"), name="doctor_verified_name", condition=Q(status="verified")),
            models.Index(fields=["status", "city"], name="doctor_status_city"),
            # "Doctors near": the box around the place, before the exact distance.
            models.Index(
                fields=["latitude", "longitude"],
                name="doctor_verified_location",
                condition=Q(status="verified"),
            ),
            models.Index(fields=["status", "submitted_at"], name="doctor_status_submitted"),
            # The daily licence check and the admin's "licence expires" filter.
            models.Index(fields=["status", "licence_expires_on"], name="doctor_status_licence"),
            models.Index(
                F("ranking_score").desc(),
                F("review_count").desc(),
                "name",
                name="doctor_ranking",
                condition=Q(status="verified"),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or f"Doctor account {self.user_id}"

    def save(self, *args, **kwargs):
        self.search_text = self.searchable_text()
        self.latitude, self.longitude = places.zip_point(self.postal_code) or (None, None)
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "search_text", "latitude", "longitude"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("doctors:profile", args=[self.slug])

    @property
    def phone_link(self) -> str:
        """The phone number for a tel: link: "+" and digits only."""
        digits = re.sub(r"\D", "", re.split(r"(?i)ext|x", self.phone)[0])
        return f"+1{digits}" if len(digits) == 10 else f"+{digits}"

    def searchable_text(self) -> str:
        specialty = self.specialty.name if self.specialty_id else ""
        return " ".join(
            part for part in [self.name, specialty, self.city, self.region] if part
        ).lower()

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
        renewing = self.status == Status.PENDING and self.verified_at is not None
        return (self.status in (Status.VERIFIED, Status.EXPIRED) or renewing) and bool(self.slug)

    @property
    def licence_notice(self) -> str:
        """What patients read under the answers of a doctor verified once who is not now."""
        if self.status == Status.EXPIRED:
            return "Licence verification expired"
        if self.status == Status.PENDING and self.verified_at is not None:
            return "Licence renewal being checked"
        if self.status in (Status.SUSPENDED, Status.REJECTED) and self.verified_at is not None:
            return "No longer verified"  # suspended, or a renewal was refused
        return ""

    @property
    def renewal_due(self) -> bool:
        """The doctor may send a renewed licence: it has expired, or its date has passed
        before the daily check marked it."""
        return self.status == Status.EXPIRED or (
            self.status == Status.VERIFIED and self.licence_lapsed
        )

    @property
    def licence_ends_soon(self) -> bool:
        """The licence ends within the 30 days in which its doctor is reminded."""
        if self.licence_expires_on is None:
            return False
        days = (self.licence_expires_on - timezone.localdate()).days
        return 0 <= days <= 30

    @property
    def takes_consultations(self) -> bool:
        """Patients can send a consultation request now: verified, and requests switched on."""
        return self.is_verified and not self.licence_lapsed and self.accepts_consultations

    @property
    def licence_lapsed(self) -> bool:
        """The licence's end date has passed (the daily command then marks the profile)."""
        return (
            self.licence_expires_on is not None and self.licence_expires_on < timezone.localdate()
        )

    @property
    def star_counts(self) -> list[tuple[int, int]]:
        """(stars, reviews) from 5 down to 1, for the histogram."""
        return [(stars, getattr(self, f"stars_{stars}")) for stars in range(5, 0, -1)]

    def rating_figures(self) -> dict:
        """What the stored aggregate should be, computed from the published reviews."""
        counts = dict(
            self.reviews.filter(status=ReviewStatus.PUBLISHED)
            .values_list("rating")
            .annotate(total=Count("pk"))
            .values_list("rating", "total")
        )
        return rating_figures_from(counts)

    def refresh_rating(self) -> None:
        """Lock this doctor's row and store the figures recomputed from the reviews.

        Called inside the transaction that changed a review, so the figures commit with it; the
        lock makes concurrent changes queue up instead of overwriting each other.
        """
        with transaction.atomic():  # joins the caller's transaction, or makes one
            DoctorProfile.objects.select_for_update().filter(pk=self.pk).values("pk").get()
            figures = self.rating_figures()
            DoctorProfile.objects.filter(pk=self.pk).update(**figures)
        for name, value in figures.items():
            setattr(self, name, value)

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


RATING_FIELDS = [
    "review_count",
    "rating_sum",
    "rating_average",
    "stars_1",
    "stars_2",
    "stars_3",
    "stars_4",
    "stars_5",
    "ranking_score",
]


def rating_figures_from(counts: dict[int, int]) -> dict:
    """The stored rating fields for {stars: number of reviews}."""
    total = sum(counts.values())
    rating_sum = sum(stars * number for stars, number in counts.items())
    average = Decimal(rating_sum) / total if total else None
    return {
        "review_count": total,
        "rating_sum": rating_sum,
        "rating_average": average.quantize(Decimal("0.01"), ROUND_HALF_UP) if total else None,
        **{f"stars_{stars}": counts.get(stars, 0) for stars in range(1, 6)},
        "ranking_score": (RANKING_PRIOR_MEAN * RANKING_PRIOR_WEIGHT + rating_sum)
        / (RANKING_PRIOR_WEIGHT + total),
    }


ReviewStatus = ModerationStatus


class WorthIt(models.TextChoices):
    YES = "yes", "Worth it"
    NO = "no", "Not worth it"
    NOT_SURE = "not_sure", "Not sure"


class Experience(models.TextChoices):
    """What the review is based on; patients filter reviews by it."""

    TREATMENT = "treatment", "Had the treatment"
    CONSULTATION = "consultation", "Consultation only"


class CostRange(models.TextChoices):
    UNDER_250 = "0-250", "Under $250"
    TO_500 = "250-500", "$250 to $500"
    TO_1000 = "500-1000", "$500 to $1,000"
    TO_3000 = "1000-3000", "$1,000 to $3,000"
    TO_10000 = "3000-10000", "$3,000 to $10,000"
    OVER_10000 = "10000+", "Over $10,000"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReviewQuerySet":
        """Published reviews of doctors the public sees; their own to the reviewer."""
        shown = PUBLISHED & Q(doctor__in=DoctorProfile.objects.public())
        return self.filter(shown | Q(author=user) if user.is_authenticated else shown)


class Review(Moderated):
    """A patient's review of a doctor. One per patient per doctor; a second attempt edits it."""

    noun = "review"

    doctor = models.ForeignKey(DoctorProfile, on_delete=models.CASCADE, related_name="reviews")
    # Empty once the reviewer deleted their account and chose to leave their reviews up.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    title = models.CharField(max_length=120)
    body = models.TextField(max_length=5000)
    # Required by the form; empty only on reviews written before it was asked.
    experience = models.CharField(
        "the review is based on", max_length=12, choices=Experience, blank=True
    )
    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    worth_it = models.CharField("worth it?", max_length=10, choices=WorthIt)
    cost_range = models.CharField(max_length=12, choices=CostRange, blank=True)
    treated_in = models.DateField("month of treatment", null=True, blank=True)
    reply = models.TextField("doctor's reply", max_length=3000, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doctor", "author"], name="review_one_per_patient"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]
        indexes = [
            models.Index(
                "doctor",
                F("created_at").desc(),
                name="review_newest",
                condition=Q(status="published"),
            ),
            models.Index(
                "doctor",
                F("rating").desc(),
                F("created_at").desc(),
                name="review_by_rating",
                condition=Q(status="published"),
            ),
            # A member's reviews, newest first (and the posting limit's count).
            models.Index("author", F("created_at").desc(), name="review_by_author"),
            # The profile's filter: treatment reviews or consultation reviews, newest first.
            models.Index(
                "doctor",
                "experience",
                F("created_at").desc(),
                name="review_by_experience",
                condition=Q(status="published"),
            ),
            # A treatment's page: its reviews, newest first, and the worth-it and cost figures.
            models.Index(
                "treatment",
                F("created_at").desc(),
                name="review_by_treatment",
                condition=Q(status="published", treatment__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author_name(self) -> str:
        return self.author.display_name if self.author_id else FORMER_MEMBER

    @classmethod
    def posted_by(cls, user) -> "ReviewQuerySet":
        return cls.objects.filter(author=user)

    def author_id_for_moderation(self) -> int | None:
        return self.author_id

    def lock_for_moderation(self) -> None:
        DoctorProfile.objects.select_for_update().filter(pk=self.doctor_id).values("pk").get()

    def moderation_changed(self) -> None:
        self.doctor.refresh_rating()

    def uncounted_reporters(self) -> set[int]:
        return {self.doctor.user_id}

    def moderation_url(self) -> str:
        return f"{self.doctor.get_absolute_url()}reviews/#review-{self.pk}"


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
