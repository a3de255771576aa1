"""Who may write to whom in consultations. Every check lives here, so it can be read at a
glance; each answers with the reason a member is shown, or "" when they may."""

from consultations.models import Consultation
from doctors.permissions import can_answer, can_reply_to_patients

ONLY_PATIENTS = (
    "Consultation requests are sent from patients' accounts. Sign up as a patient to write to "
    "a doctor privately."
)


def why_unavailable(doctor) -> str:
    """Why this doctor takes no requests now, or "" if they do."""
    if doctor.takes_consultations and can_reply_to_patients(doctor):
        return ""
    if doctor.takes_consultations:
        return (
            f"{doctor.display_name} can't take consultation requests on DocAnswers at the moment."
        )
    if not doctor.is_verified or doctor.licence_lapsed:
        return (
            f"{doctor.display_name}'s licence verification has expired, so they can't take "
            "consultation requests on DocAnswers until we have checked the renewed licence."
        )
    return f"{doctor.display_name} doesn't take consultation requests on DocAnswers."


def why_no_reply(consultation: Consultation, user) -> str:
    """Why `user` can't write in this thread now, or "" if they can."""
    role = consultation.member_role(user)
    if role is None:
        return "Moderators read reported conversations; only the patient and the doctor write."
    if consultation.is_hidden:
        return "Moderators closed this conversation, so no more messages can be sent."
    if role == "patient" and not user.has_verified_email:
        return "Verify your email address to send messages."
    if role == "patient" and not can_reply_to_patients(consultation.doctor):
        return (
            f"{consultation.doctor.display_name} can't reply on DocAnswers at the moment, so "
            "this conversation takes no new messages for now."
        )
    if role == "doctor" and not can_answer(user):
        return (
            "Only verified doctors with two-factor authentication reply to consultations. "
            "See your dashboard for what is missing."
        )
    return ""
