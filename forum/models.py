from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

import photos
from accounts.models import FORMER_MEMBER
from doctors.permissions import can_answer
from moderation.models import PUBLISHED, Moderated, ModerationStatus
from treatments.models import Treatment

# What the public sees: not deleted by the asker, not hidden by moderators.
VISIBLE = Q(deleted_at__isnull=True) & PUBLISHED


class TaggedQuestion(TaggedItemBase):
    content_object = models.ForeignKey(
        "Question", on_delete=models.CASCADE, related_name="tagged_items"
    )
    tag = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="tagged_questions")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="forum_taggedquestion_unique"
            )
        ]


class PhotoVisibility(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    MEMBERS = "members", "Signed-in members"
    DOCTORS = "doctors", "Verified doctors only"


VISIBILITY_EXPLAINED = {
    PhotoVisibility.EVERYONE: "Anyone who opens the question, including search engines.",
    PhotoVisibility.MEMBERS: "Only people logged in to DocAnswers.",
    PhotoVisibility.DOCTORS: "Only doctors whose licence we have verified, and our moderators.",
}


def page_scope(question_id: int) -> str:
    """The page cache's scope of a question's page (pagecache.changed): the answers' helpful
    counts show there alone, so a vote moves only its generation on and leaves every other
    page kept (PAGE_CACHE_IGNORED_FIELDS names the count)."""
    return f"question:{question_id}"


def sees_hidden(user, author_id: int | None) -> bool:
    """Who still sees content moderators have hid: its author, and the moderators."""
    return user.is_authenticated and (user.pk == author_id or user.is_moderator)


def _question_shown_to(user, prefix: str = "") -> Q:
    """The questions `user` sees: not deleted, and published unless they asked it or
    moderate (hidden questions stay readable to those two)."""
    shown = Q(**{f"{prefix}deleted_at__isnull": True})
    if not user.is_authenticated:
        return shown & Q(**{f"{prefix}status": ModerationStatus.PUBLISHED})
    if user.is_moderator:
        return shown
    return shown & (
        Q(**{f"{prefix}status": ModerationStatus.PUBLISHED}) | Q(**{f"{prefix}author": user})
    )


class QuestionQuerySet(models.QuerySet):
    def visible(self) -> "QuestionQuerySet":
        """What the public sees."""
        return self.filter(VISIBLE)

    def visible_to(self, user) -> "QuestionQuerySet":
        return self.filter(_question_shown_to(user))

    def unseen(self) -> "QuestionQuerySet":
        """Deleted by their asker or hidden by moderators (few: see the question_unseen index)."""
        return self.exclude(VISIBLE)

    def unanswered(self) -> "QuestionQuerySet":
        return self.filter(answer_count=0)

    def for_listing(self) -> "QuestionQuerySet":
        """What a list row shows, in a fixed number of queries."""
        return (
            self.visible()
            .select_related("author")
            .prefetch_related("treatments")
            .only(*ROW_FIELDS, "author__id", "author__display_name")
        )

    def for_ranked_listing(self) -> "QuestionQuerySet":
        """for_listing for an order over many rows (search's ranking): the askers are fetched
        for the page's rows alone, so the ranking joins nothing and reads no whole table."""
        askers = self.model._meta.get_field("author").related_model.objects.only("display_name")
        return (
            self.visible()
            .prefetch_related("treatments", models.Prefetch("author", queryset=askers))
            .only(*ROW_FIELDS, "author_id")
        )


# The fields of a question that a list row shows.
ROW_FIELDS = (
    "id",
    "title",
    "slug",
    "answer_count",
    "photo_count",
    "created_at",
    "noindex",
    "patient_status",
)


class PatientStatus(models.TextChoices):
    """Where the asker says they are now, set with a follow-up."""

    WORRIED = "worried", "Still worried"
    SEEING_DOCTOR = "seeing_doctor", "Seeing my doctor"
    RESOLVED = "resolved", "Resolved"


class Question(Moderated):
    # Empty once the asker deleted their account and chose to leave their questions up.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    body = models.TextField(max_length=5000)
    treatments = TaggableManager(through=TaggedQuestion, verbose_name="treatments")
    photo_visibility = models.CharField(
        "who can see the photos",
        max_length=10,
        choices=PhotoVisibility,
        default=PhotoVisibility.MEMBERS,
    )
    # The asker's choice: the page carries noindex and stays out of the sitemap and feeds.
    noindex = models.BooleanField("don't show in search engines", default=False)
    # The asker's latest status, set with a follow-up; empty until they give one.
    patient_status = models.CharField(
        "asker's status", max_length=15, choices=PatientStatus, blank=True
    )
    # Kept by the services in the same transaction as the rows they count.
    answer_count = models.PositiveIntegerField(default=0)
    # Answers moderators hid: the page says they were removed, without a query.
    removed_answer_count = models.PositiveIntegerField(default=0)
    photo_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # PostgreSQL's full-text vector of the title, treatments, body and published answers, kept
    # by forum.search.refresh on every write (a GIN index is made by a migration, on
    # PostgreSQL only). Unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # What forum.triage found in the text when it was posted or last edited: the names of the
    # urgent-care rules it matched. Empty for most questions.
    urgent_reasons = models.JSONField(default=list, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(F("created_at").desc(), name="question_newest", condition=VISIBLE),
            models.Index("id", name="question_unseen", condition=~VISIBLE),
            models.Index(
                F("answer_count").desc(),
                F("created_at").desc(),
                name="question_most_answered",
                condition=VISIBLE,
            ),
            models.Index(
                F("created_at").desc(),
                name="question_unanswered",
                condition=VISIBLE & Q(answer_count=0),
            ),
            # A member's questions, newest first (and the posting limit's count).
            models.Index("author", F("created_at").desc(), name="question_by_author"),
            # Possibly urgent questions, latest activity first: the top of doctors' dashboards
            # (a follow-up can make an older question urgent).
            models.Index(
                F("updated_at").desc(),
                name="question_urgent_active",
                condition=VISIBLE & ~Q(urgent_reasons=[]),
            ),
        ]

    noun = "question"

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.slug = slugify(self.title)[:80].strip("-") or "question"
        super().save(*args, **kwargs)

    @classmethod
    def posted_by(cls, user) -> "QuestionQuerySet":
        return cls.objects.filter(author=user)

    def author_id_for_moderation(self) -> int | None:
        return self.author_id

    def is_shown(self) -> bool:
        return self.is_visible

    def moderation_changed(self) -> None:
        from forum import services  # services build on these models

        services.recount_doctor_answers(self.answers.values_list("doctor_id", flat=True))
        services.recount_treatments_of([self.pk])

    def get_absolute_url(self) -> str:
        return reverse("forum:question_detail", args=[self.pk, self.slug])

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_urgent(self) -> bool:
        return bool(self.urgent_reasons)

    @property
    def author_name(self) -> str:
        return self.author.display_name if self.author_id else FORMER_MEMBER

    @property
    def is_visible(self) -> bool:
        return not self.is_deleted and not self.is_hidden

    @property
    def display_title(self) -> str:
        """The title as the sample page shows it: "(photo)" after it when it has photos."""
        return f"{self.title} (photo)" if self.photo_count else self.title


class QuestionUpdateQuerySet(models.QuerySet):
    def visible_to(self, user) -> "QuestionUpdateQuerySet":
        """Published follow-ups of questions `user` sees; hidden ones to the asker and
        moderators."""
        shown = self.filter(_question_shown_to(user, "question__"))
        if user.is_authenticated and user.is_moderator:
            return shown
        if user.is_authenticated:
            return shown.filter(PUBLISHED | Q(question__author=user))
        return shown.filter(PUBLISHED)


class OnQuestion(Moderated):
    """Moderated content that belongs to a question (follow-ups, photos, answers): it is shown
    only while its question is, and hiding it locks the question first, as posting does."""

    class Meta:
        abstract = True

    def is_shown(self) -> bool:
        return not self.is_hidden and self.question.is_visible

    def lock_for_moderation(self) -> None:
        Question.objects.select_for_update().filter(pk=self.question_id).values("pk").get()


class QuestionUpdate(OnQuestion):
    """The asker's dated follow-up ("3 weeks later"): text, photos, or a new status."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="updates")
    body = models.TextField(max_length=3000, blank=True)
    # The status the asker chose with this update; empty if they left it as it was.
    status_set = models.CharField("status chosen", max_length=15, choices=PatientStatus, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionUpdateQuerySet.as_manager()
    noun = "update"

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["question", "created_at"], name="update_question_date")]

    def __str__(self) -> str:
        return f"Update of {self.created_at:%Y-%m-%d} to “{self.question}”"

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#update-{self.pk}"

    @classmethod
    def posted_by(cls, user) -> "QuestionUpdateQuerySet":
        return cls.objects.filter(question__author=user)

    def author_id_for_moderation(self) -> int | None:
        return self.question.author_id

    def moderation_changed(self) -> None:
        from forum import services  # services build on these models

        # Its photos, status and urgent words go and come back with it.
        services.refresh_from_updates(self.question)
        services.recount_question(self.question_id)


def sees_photos_of_level(user, visibility: str) -> bool:
    """Whether `user` may see photos the asker showed to `visibility`, on others' questions."""
    match visibility:
        case PhotoVisibility.EVERYONE:
            return True
        case PhotoVisibility.MEMBERS:
            return user.is_authenticated
    # Doctors-only photos: verified doctors who log in with a second factor, and moderators.
    return user.is_authenticated and (user.is_moderator or can_answer(user))


def photo_levels(user) -> list[str]:
    """The photo visibilities `user` may see on others' questions."""
    return [level for level in PhotoVisibility if sees_photos_of_level(user, level)]


class PhotoQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PhotoQuerySet":
        """Photos `user` may open: those the asker let them see, on a question they see, and
        not hidden (with its follow-up); the asker and moderators also see hidden ones."""
        shown = self.filter(_question_shown_to(user, "question__"))
        allowed = Q(question__photo_visibility__in=photo_levels(user))
        if user.is_authenticated and user.is_moderator:
            return shown.filter(allowed)
        published = (
            PUBLISHED
            & Q(question__status=ModerationStatus.PUBLISHED)
            & ~Q(update__status=ModerationStatus.HIDDEN)
        )
        if user.is_authenticated:
            return shown.filter(Q(question__author=user) | (allowed & published))
        return shown.filter(allowed & published)


class Photo(photos.StoredPhoto, OnQuestion):
    """A re-encoded photo. Files live under photos/ by a random key, never the upload's name.
    A photo added with a follow-up belongs to the question and to that update."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="photos")
    update = models.ForeignKey(
        QuestionUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    key = models.CharField(max_length=32, unique=True, default=photos.new_key, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    alt_text = models.CharField("description", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = PhotoQuerySet.as_manager()
    noun = "photo"

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["question", "position"], name="photo_question_position")]

    def __str__(self) -> str:
        return self.alt_text

    def author_id_for_moderation(self) -> int | None:
        return self.question.author_id

    def is_shown(self) -> bool:
        return super().is_shown() and not (self.update_id is not None and self.update.is_hidden)

    def moderation_changed(self) -> None:
        from forum import services  # services build on these models

        services.recount_question(self.question_id)

    def moderation_url(self) -> str:
        return self.question.get_absolute_url()

    def url(self, size: str = "full") -> str:
        return reverse("forum:photo", args=[self.key, size])


AnswerStatus = ModerationStatus


class AnswerQuerySet(models.QuerySet):
    def published(self) -> "AnswerQuerySet":
        return self.filter(PUBLISHED)

    def public(self) -> "AnswerQuerySet":
        """Published answers to questions the public sees."""
        return self.published().filter(
            question__deleted_at__isnull=True, question__status=ModerationStatus.PUBLISHED
        )

    def visible_to(self, user) -> "AnswerQuerySet":
        """Published answers to questions `user` sees; a doctor also sees their own hidden
        answer, marked as such."""
        shown = self.filter(_question_shown_to(user, "question__"))
        if user.is_authenticated and user.is_doctor:
            return shown.filter(PUBLISHED | Q(doctor__user=user))
        return shown.filter(PUBLISHED)

    def with_doctor(self) -> "AnswerQuerySet":
        return self.select_related("doctor__specialty", "doctor__user")


class Answer(OnQuestion):
    """A verified doctor's answer. One per doctor per question; the doctor edits it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    doctor = models.ForeignKey(
        "doctors.DoctorProfile", on_delete=models.CASCADE, related_name="answers"
    )
    headline = models.CharField(max_length=120)
    body = models.TextField(max_length=5000)
    # Who the doctor was when they answered ("Sam Naficy, MD, FACS", "Seattle Facial Plastic
    # Surgeon"), so that a later change of credentials or specialty does not rewrite history.
    signed_name = models.CharField("doctor's name then", max_length=200, blank=True)
    signed_line = models.CharField("doctor's practice then", max_length=200, blank=True)
    helpful_count = models.PositiveIntegerField(default=0)
    helped_asker = models.BooleanField("helped the asker", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "doctor"], name="answer_one_per_doctor")
        ]
        indexes = [
            models.Index(
                "question", F("created_at").desc(), name="answer_newest", condition=PUBLISHED
            ),
            models.Index(
                "question",
                F("helpful_count").desc(),
                F("created_at").desc(),
                name="answer_most_helpful",
                condition=PUBLISHED,
            ),
            models.Index(
                "doctor", F("created_at").desc(), name="answer_by_doctor", condition=PUBLISHED
            ),
            # Every answer of a doctor, hidden ones too: the posting limit's count.
            models.Index("doctor", F("created_at").desc(), name="answer_by_doctor_all"),
        ]

    noun = "answer"

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    @classmethod
    def posted_by(cls, user) -> "AnswerQuerySet":
        return cls.objects.filter(doctor__user=user)

    def author_id_for_moderation(self) -> int | None:
        return self.doctor.user_id

    def moderation_changed(self) -> None:
        from forum import search, services  # services build on these models

        services.recount_question(self.question_id)
        services.recount_doctor_answers([self.doctor_id])
        search.refresh([self.question_id])  # a hidden answer's words no longer find it

    def hidden_by_moderator(self, reason: str) -> None:
        from forum import services  # services build on these models

        services.tell_answer_removed(self, reason)


class AnswerAgreement(models.Model):
    """A verified doctor's "I agree" with another doctor's answer. Separate from patients'
    "helpful" votes: peers vouch for the medicine, patients for the usefulness."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="agreements")
    doctor = models.ForeignKey(
        "doctors.DoctorProfile", on_delete=models.CASCADE, related_name="agreements"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["answer", "doctor"], name="agreement_once")]

    def __str__(self) -> str:
        return f"{self.doctor} agrees with “{self.answer}”"


class AnswerVote(models.Model):
    """ "Was this answer helpful?": one per member per answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answer_votes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="answer_vote_once")]

    def __str__(self) -> str:
        return f"{self.user} found “{self.answer}” helpful"


class QuestionFollow(models.Model):
    """A member follows a question: they are emailed when a doctor answers it."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="question_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="question_follow_once")
        ]
        indexes = [models.Index("user", F("created_at").desc(), name="follow_by_user")]

    def __str__(self) -> str:
        return f"{self.user} follows “{self.question}”"


class DoctorTreatment(models.Model):
    """How many published answers a doctor has on questions the public sees with a treatment:
    the treatment page ranks its doctors by it. Kept by forum.services.recount_doctor_treatments
    in the transaction of every change that moves it (as DoctorProfile.answer_count is); a row
    only where the count is above zero."""

    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="doctor_answer_counts"
    )
    doctor = models.ForeignKey(
        "doctors.DoctorProfile", on_delete=models.CASCADE, related_name="treatment_answer_counts"
    )
    answer_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doctor", "treatment"], name="doctor_treatment_once")
        ]
        indexes = [
            # A treatment's doctors, most answers first.
            models.Index("treatment", F("answer_count").desc(), name="treatment_top_doctors")
        ]

    def __str__(self) -> str:
        return f"{self.doctor}: {self.answer_count} answers about {self.treatment}"


class UrgentRule(models.Model):
    """Words in a question that may mean it needs urgent care ("blurred vision" after Botox).
    Loaded from forum/triage_rules.json by a migration; moderators edit them in the admin."""

    name = models.CharField(max_length=120, unique=True)
    treatment_names = models.TextField(
        "treatments",
        blank=True,
        help_text="Comma-separated treatment names it applies to; empty for every question.",
    )
    phrases = models.TextField(
        help_text="One phrase per line, matched regardless of case, and not when a word such as "
        "“no”, “not” or “without” comes just before it."
    )
    advice = models.TextField(
        help_text="What to do now, shown to the asker under “This may need urgent care”."
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def phrase_list(self) -> list[str]:
        return [line.strip().lower() for line in self.phrases.splitlines() if line.strip()]

    def treatment_set(self) -> set[str]:
        return {name.strip().lower() for name in self.treatment_names.split(",") if name.strip()}


class SearchWord(models.Model):
    """A word of a question title or a treatment name: what search corrects a misspelt word to
    ("botx" to "botox"). Kept by search.refresh() as titles are written; on PostgreSQL a
    trigram index (migration 0018) finds the nearest words without reading them all."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.word
