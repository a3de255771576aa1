from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def banned_response(request: HttpRequest, user) -> HttpResponse:
    """The page a banned member sees instead of what they asked for: why, and until when."""
    return render(request, "account/banned.html", {"banned_user": user}, status=403)


class BannedUserMiddleware:
    """A member banned while logged in is logged out at their next request and told why, so a
    ban takes effect at once on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_banned:
            logout(request)
            return banned_response(request, user)
        return self.get_response(request)
