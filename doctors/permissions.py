"""Who may do what as a doctor. Every check lives here, so it can be read at a glance."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.permissions import verified_email_required
from doctors.models import DoctorProfile, Status


def doctor_profile(user) -> DoctorProfile | None:
    if not (user.is_authenticated and user.is_doctor):
        return None
    try:
        return user.doctor_profile
    except DoctorProfile.DoesNotExist:
        return None


def is_verified_doctor(user) -> bool:
    """A doctor whose licence a moderator has verified, and which has neither been suspended
    nor run out since (the end date is checked here too, in case the daily command is late)."""
    profile = doctor_profile(user)
    return profile is not None and profile.status == Status.VERIFIED and not profile.licence_lapsed


WHY_NOT_VERIFIED = {
    None: "Only doctors answer questions.",
    Status.DRAFT: "Apply for verification first: only verified doctors answer questions.",
    Status.PENDING: "Your application is being reviewed. You can answer once you are verified.",
    Status.REJECTED: "Your application was not accepted. See your dashboard to correct it.",
    Status.SUSPENDED: "Your doctor account is suspended, so you cannot answer questions.",
    Status.EXPIRED: "Your licence's end date has passed. Send us your renewed licence from "
    "your dashboard to answer again.",
}


NEEDS_MFA = (
    "Set up two-factor authentication before you answer: patients trust answers to come from "
    "you, so a doctor's account needs a code from an authenticator app at login."
)


def can_answer(user) -> bool:
    """A verified doctor with two-factor authentication set up."""
    from allauth.mfa.utils import is_mfa_enabled

    return is_verified_doctor(user) and is_mfa_enabled(user)


def can_reply_to_patients(profile: DoctorProfile) -> bool:
    """The doctor's account may read and answer patients' consultation requests now: as for
    answering questions, and not banned."""
    user = profile.user
    return user.is_active and not user.is_banned and can_answer(user)


def why_cannot_answer(user) -> str:
    profile = doctor_profile(user)
    if user.is_authenticated and user.is_doctor and profile is None:
        return WHY_NOT_VERIFIED[Status.DRAFT]
    if profile is not None and profile.status == Status.VERIFIED:
        return WHY_NOT_VERIFIED[Status.EXPIRED] if profile.licence_lapsed else NEEDS_MFA
    return WHY_NOT_VERIFIED[profile.status if profile else None]


def verified_doctor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Verified doctors with two-factor authentication; everyone else gets a 403 that says why."""

    @verified_email_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_answer(request.user):
            raise PermissionDenied(why_cannot_answer(request.user))
        return view(request, *args, **kwargs)

    return wrapped


def doctor_account_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Doctor accounts with a verified email (to apply, and for their dashboard)."""

    @verified_email_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_doctor:
            raise PermissionDenied(
                "This page is for doctor accounts. Patients ask questions and review doctors."
            )
        return view(request, *args, **kwargs)

    return wrapped


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Patient accounts with a verified email (reviews are for patients)."""

    @verified_email_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_doctor:
            raise PermissionDenied("Doctor accounts don't review doctors; patients do.")
        return view(request, *args, **kwargs)

    return wrapped
