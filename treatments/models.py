"""Treatments: what questions are tagged with, doctors and patients follow, and reviews name.

Below `doctors` and `forum`, which both point here; this app knows neither of them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import NaturalKeyManager, TagBase


class TreatmentQuerySet(models.QuerySet):
    def asked(self) -> "TreatmentQuerySet":
        """Treatments with at least one question the public sees."""
        return self.filter(question_count__gt=0)

    def popular(self) -> "TreatmentQuerySet":
        """Treatments by how many visible questions carry them, most first."""
        return self.asked().order_by("-question_count", "name")


class Treatment(TagBase):
    """A treatment questions are tagged with ("Botox", "Masseter reduction")."""

    description = models.TextField(
        blank=True,
        max_length=1000,
        help_text="One or two plain sentences shown at the top of the treatment's page.",
    )

    # Questions the public sees with this treatment, kept by forum.services.recount_treatments
    # in the transaction of every change (the home page and lists order by it).
    question_count = models.PositiveIntegerField(default=0, editable=False)

    objects = NaturalKeyManager.from_queryset(TreatmentQuerySet)()

    class Meta:
        db_table = "forum_treatment"  # the forum's table before treatments had an app
        ordering = ["name"]
        indexes = [
            models.Index(
                F("question_count").desc(),
                "name",
                name="treatment_popular",
                condition=Q(question_count__gt=0),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("forum:treatment_detail", args=[self.slug])


class TreatmentFollow(models.Model):
    """A patient follows a treatment: they are emailed when a question about it is published
    (forum.services). Doctors follow treatments on their dashboard instead
    (DoctorProfile.followed_treatments), for the daily digest."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatment_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Also the index of a treatment's followers, whom a new question emails.
            models.UniqueConstraint(fields=["treatment", "user"], name="treatment_follow_once")
        ]
        indexes = [models.Index("user", F("created_at").desc(), name="treatment_follow_by_user")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.treatment}"
