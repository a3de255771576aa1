"""Demo questions for `manage.py seed_demo`, with generated illustrations (no real person)."""

import io
import random
from datetime import UTC, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

import photos
from accounts.models import Notification, User
from doctors.models import Review
from forum import services
from forum.demo_content import (
    FOLLOW_UPS,
    OTHER_ANSWERS,
    QUESTIONS,
    SAMPLE_ANSWERS,
    SAMPLE_QUESTION,
    TREATMENT_DESCRIPTIONS,
)
from forum.models import Answer, PhotoVisibility, Question, QuestionUpdate
from moderation.models import PUBLISHED, ReportReason
from treatments.models import Treatment

VISIBLE_TO_MEMBERS = [PhotoVisibility.EVERYONE, PhotoVisibility.MEMBERS]
PALETTES = [((236, 214, 197), (214, 178, 152)), ((224, 200, 180), (189, 150, 122))]


def demo_photo(seed: int) -> SimpleUploadedFile:
    """An abstract drawing of a face outline on a soft background, as a phone might send it."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    light, dark = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (1200, 1500), (240, 244, 243))
    draw = ImageDraw.Draw(image)
    for y in range(0, 1500, 6):  # a gentle vertical gradient
        shade = 244 - y // 40
        draw.rectangle((0, y, 1200, y + 6), fill=(shade - 8, shade, shade - 2))
    draw.ellipse((300, 250, 900, 1150), fill=light, outline=dark, width=8)  # face
    draw.ellipse((240, 600, 330, 800), fill=light, outline=dark, width=6)  # ears
    draw.ellipse((870, 600, 960, 800), fill=light, outline=dark, width=6)
    for x in (430, 680):  # closed eyes
        draw.arc((x, 560, x + 110, 620), 200, 340, fill=dark, width=8)
    draw.arc((500, 850, 700, 950), 20, 160, fill=(170, 95, 90), width=10)  # smile
    side = rng.choice([(330, 860, 470, 1040), (730, 860, 870, 1040)])  # the area in question
    draw.ellipse(side, outline=(200, 70, 60), width=6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return SimpleUploadedFile(f"IMG_{4000 + seed}.jpg", out.getvalue(), "image/jpeg")


def seed_questions() -> int:
    """Create the demo questions that do not exist yet; returns how many were made."""
    created = 0
    items = [SAMPLE_QUESTION] + [
        dict(
            zip(
                ["asker", "title", "body", "treatments", "photos", "visibility", "days"],
                row,
                strict=True,
            )
        )
        for row in QUESTIONS
    ]
    for number, item in enumerate(items):
        if Question.objects.filter(title=item["title"]).exists():
            continue
        new_photos = [
            (photos.process(demo_photo(number * 10 + index)), "") for index in range(item["photos"])
        ]
        question = services.question_create(
            author=User.objects.get(display_name=item["asker"]),
            title=item["title"],
            body=item["body"],
            treatments=item["treatments"],
            photo_visibility=item["visibility"],
            new_photos=new_photos,
            notify=False,
        )
        question.created_at = asked_at(item)
        question.save(update_fields=["created_at"])
        created += 1
    for name, description in TREATMENT_DESCRIPTIONS.items():
        Treatment.objects.filter(name=name).update(description=description)
    return created


def asked_at(item: dict) -> datetime:
    if "asked" in item:
        return datetime.fromisoformat(item["asked"]).replace(hour=14, tzinfo=UTC)
    return timezone.now() - timedelta(days=item["days"], hours=3 * len(item["title"]) % 20)


def seed_answers(doctors: dict) -> int:
    """The sample's four answers and some others, oldest first; returns how many were made."""
    rows = [(SAMPLE_QUESTION["title"], *answer) for answer in SAMPLE_ANSWERS] + OTHER_ANSWERS
    created = 0
    for hours, (title, doctor_name, headline, body) in enumerate(rows):
        question = Question.objects.get(title=title)
        doctor = doctors[doctor_name]
        if Answer.objects.filter(question=question, doctor=doctor).exists():
            continue
        answer, _ = services.answer_submit(
            question=question, doctor=doctor, headline=headline, body=body, notify=False
        )
        Answer.objects.filter(pk=answer.pk).update(
            created_at=question.created_at + timedelta(hours=6 + hours)
        )
        created += 1
    seed_agreements()
    return created


def seed_notifications() -> int:
    """The demo patient's inbox: a line for every answer to her questions, as answer_submit
    writes it, the newest two still unread (the bell shows 2). Returns how many were made."""
    patient = User.objects.get(email="patient@example.com")
    if patient.notifications.exists():
        return 0
    answers = Answer.objects.filter(question__author=patient).select_related("question", "doctor")
    rows = [
        Notification(
            user=patient,
            text=f"{answer.doctor.display_name} answered your question “{answer.question.title}”",
            url=answer.get_absolute_url(),
            created_at=answer.created_at,
        )
        for answer in answers.order_by("-created_at")
    ]
    for row in rows[2:]:
        row.read_at = row.created_at + timedelta(hours=2)
    Notification.objects.bulk_create(rows)
    User.objects.filter(pk=patient.pk).update(unread_notifications=min(2, len(rows)))
    return len(rows)


def seed_agreements() -> None:
    """On the sample question, other doctors agree with the first two answers."""
    question = Question.objects.get(title=SAMPLE_QUESTION["title"])
    answers = list(Answer.objects.filter(question=question).select_related("doctor"))
    for answer in answers[:2]:
        for doctor in [a.doctor for a in answers if a.doctor_id != answer.doctor_id][:3]:
            services.agreement_set(answer=answer, doctor=doctor, agree=True)


def seed_follow_ups() -> int:
    """The dated follow-ups of FOLLOW_UPS, after their question's answers; returns how many."""
    created = 0
    for title, updates in FOLLOW_UPS.items():
        question = Question.objects.get(title=title)
        if question.updates.exists():
            continue
        for number, (days, status, text, photo_count) in enumerate(updates):
            new_photos = [
                (
                    photos.process(demo_photo(500 + number * 10 + index)),
                    f"My face {days // 7} weeks after the Botox, from the front",
                )
                for index in range(photo_count)
            ]
            update = services.update_add(
                question=question, body=text, status_set=status, new_photos=new_photos, notify=False
            )
            QuestionUpdate.objects.filter(pk=update.pk).update(
                created_at=question.created_at + timedelta(days=days)
            )
            created += 1
    return created


def demo_reports() -> list[tuple[User, object, str, str]]:
    """What the demo's askers report for the moderators: a question, an answer, a review."""
    reporters = list(User.objects.filter(email__startswith="asker").order_by("email")[:2])
    # Nobody reports their own post, so each item is one its reporter did not write.
    question = (
        Question.objects.visible()
        .filter(photo_count__gt=0, photo_visibility__in=VISIBLE_TO_MEMBERS)
        .exclude(author=reporters[0])
        .order_by("-created_at")
        .first()
    )
    answer = Answer.objects.public().order_by("created_at").last()
    review = (
        Review.objects.filter(PUBLISHED).exclude(author=reporters[0]).order_by("created_at").first()
    )
    return [
        (reporters[0], question, ReportReason.PRIVACY, "The photo shows a tattoo with a name."),
        (reporters[1], answer, ReportReason.MISINFORMATION, "This contradicts the other answers."),
        (reporters[0], review, ReportReason.SPAM, "Reads like an advert for the clinic."),
    ]
