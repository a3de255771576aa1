"""Who may do what: every account-level check lives here, so it can be read at a glance."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def verified_email_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in members whose email address is verified; others are asked to verify it.

    Anonymous visitors go to the login page. A member with no verified address gets a 403
    page that explains why and links to the email settings, where the link can be re-sent.
    """

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_verified_email:
            return render(request, "account/verified_email_required.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
