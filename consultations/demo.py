"""The demo's consultation: Jasmine (the demo patient) writes to Nora Lindqvist (the demo
doctor) about masseter Botox; Nora replies; Jasmine's follow-up is still unread for Nora, so
her inbox and bell show something new. Fictional people and text."""

from datetime import timedelta

from django.utils import timezone

from accounts import notifications
from accounts.models import User
from consultations import services
from consultations.models import Consultation, Message
from treatments.models import Treatment

SUBJECT = "Masseter Botox for jaw clenching"

# (who writes: "patient" or "doctor", the text, hours ago)
MESSAGES = [
    (
        "patient",
        "Hello Dr. Lindqvist, I read your answer about Botox for the jaw. I clench at night, my "
        "dentist says my molars show wear, and I wake with a sore jaw most mornings. I had 20 "
        "units on each side elsewhere a year ago and felt a difference for about four months. "
        "Could I book a consultation to talk about doses, and whether a night guard would still "
        "be needed? I'm free on weekday mornings.",
        52,
    ),
    (
        "doctor",
        "Thank you for writing, Jasmine. What you describe is a common reason for masseter "
        "treatment, and four months is a typical length of effect at that dose. At a "
        "consultation I would examine the muscle at rest and clenched, ask about headaches and "
        "your bite, and we would talk about a dose for you. A night guard still protects the "
        "teeth while the treatment takes effect. Please call the front desk to book a morning "
        "slot, and bring the name of the product used last time if you have it.",
        30,
    ),
    (
        "patient",
        "Thank you! I found the record: it was 20 units of Botox each side, in March. I've "
        "called and have an appointment on Tuesday at 9:30. Is there anything I should avoid "
        "before the visit, such as ibuprofen?",
        3,
    ),
]


def seed_consultations() -> int:
    """Create the demo thread if it does not exist yet; returns how many threads were made."""
    patient = User.objects.filter(email="patient@example.com").first()
    doctor_user = User.objects.filter(email="doctor@example.com").select_related("doctor_profile")
    doctor_user = doctor_user.first()
    if patient is None or doctor_user is None:
        return 0
    doctor = doctor_user.doctor_profile
    if Consultation.objects.filter(patient=patient, doctor=doctor, subject=SUBJECT).exists():
        return 0
    now = timezone.now()
    (_, first, first_hours), *rest = MESSAGES
    consultation = services.consultation_start(
        patient=patient,
        doctor=doctor,
        subject=SUBJECT,
        body=first,
        treatment=Treatment.objects.filter(slug="botox").first(),
        notify=False,
    )
    for role, text, _ in rest:
        services.message_add(
            consultation=consultation,
            author=patient if role == "patient" else doctor_user,
            body=text,
            notify=False,
        )
    # Dated as if written over two days; Nora has read all but Jasmine's last message.
    hours = [first_hours, *(hours for _, _, hours in rest)]
    written = list(Message.objects.filter(consultation=consultation).order_by("id"))
    for message, ago in zip(written, hours, strict=True):
        Message.objects.filter(pk=message.pk).update(created_at=now - timedelta(hours=ago))
    last_message = written[-1]
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=now - timedelta(hours=first_hours),
        last_message_at=now - timedelta(hours=hours[-1]),
        doctor_unread=1,
        patient_unread=0,
    )
    # No emails from the demo. Nora's bell shows Jasmine's last message, as it would.
    notifications.record(
        doctor_user,
        f"Jasmine wrote in your consultation “{SUBJECT}”",
        f"{consultation.get_absolute_url()}#message-{last_message.pk}",
    )
    return 1
