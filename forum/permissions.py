"""Who may do what in the forum. Every check lives here, so it can be read at a glance."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.permissions import verified_email_required
from doctors.permissions import can_answer
from forum.models import PhotoVisibility, Question


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Patients (and moderators) with a verified email; doctors answer rather than ask."""

    @verified_email_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_doctor:
            raise PermissionDenied(
                "Doctor accounts answer questions rather than ask them. To ask as a patient, "
                "sign up with a separate patient account."
            )
        return view(request, *args, **kwargs)

    return wrapped


def can_view_photos(user, question: Question) -> bool:
    if question.is_deleted:
        return False
    if user.is_authenticated and (user.pk == question.author_id or user.is_moderator):
        return True
    match question.photo_visibility:
        case PhotoVisibility.EVERYONE:
            return True
        case PhotoVisibility.MEMBERS:
            return user.is_authenticated
        case _:
            # Doctors-only photos: verified doctors who log in with a second factor.
            return can_answer(user)


def who_can_view(question: Question) -> str:
    """The placeholder's words for a photo the visitor may not see."""
    if question.photo_visibility == PhotoVisibility.MEMBERS:
        return "Only signed-in members can see this photo."
    return "Only verified doctors can see this photo."
