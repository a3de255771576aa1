"""Who may do what in the forum. Every check lives here, so it can be read at a glance."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.permissions import verified_email_required
from forum.models import PhotoVisibility, Question, sees_hidden, sees_photos_of_level


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
    """The question's photos are for `user` (the rule Photo.objects.visible_to filters by)."""
    if question.is_deleted:
        return False
    return sees_hidden(user, question.author_id) or sees_photos_of_level(
        user, question.photo_visibility
    )


def who_can_view(question: Question) -> str:
    """The placeholder's words for a photo the visitor may not see."""
    if question.photo_visibility == PhotoVisibility.MEMBERS:
        return "Only signed-in members can see this photo."
    return "Only verified doctors can see this photo."
