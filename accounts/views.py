from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from accounts import notifications
from accounts.forms import (
    DISPLAY_NAME_TAKEN,
    NotificationsForm,
    ProfileForm,
    display_name_taken,
)
from accounts.models import Notification, Role, User
from accounts.permissions import verified_email_required
from web.paging import ListPaginator

NOTIFICATIONS_PAGE = 30


class SignupView(AllauthSignupView):
    """Anyone signed out. "?role=doctor" (from "Are you a doctor?" links) preselects the role."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.request.GET.get("role") in Role.values:
            initial["role"] = self.request.GET["role"]
        return initial

    def form_valid(self, form):
        # One transaction: the user and their email address are saved together, and the
        # confirmation email goes out (on commit) only if both are.
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            # Another sign-up took the same name or address between validation and saving.
            if display_name_taken(form.cleaned_data["display_name"]):
                form.add_error("display_name", DISPLAY_NAME_TAKEN)
            else:
                form.add_error(None, "Your account could not be created. Please try again.")
            return self.form_invalid(form)


signup = SignupView.as_view()


@verified_email_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Members with a verified email change their public display name."""
    if request.method == "GET":
        return render(
            request, "accounts/profile.html", {"form": ProfileForm(instance=request.user)}
        )
    form = ProfileForm(request.POST, instance=request.user)
    if form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # taken by someone else a moment ago
            form.add_error("display_name", DISPLAY_NAME_TAKEN)
        else:
            messages.success(request, "Your display name is saved.")
            return redirect("accounts:profile")
    request.user.refresh_from_db(fields=["display_name"])  # the header shows the saved name
    return render(request, "accounts/profile.html", {"form": form}, status=400)


@login_required
@require_safe
def notification_list(request):
    """Members: what happened that concerns them, newest first. Opening the list counts as
    having seen what is on it: the bell's count goes back to zero, and what was new is marked
    so this once."""
    mine = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = ListPaginator(mine, NOTIFICATIONS_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    unread = [item.pk for item in shown if item.is_unread]
    if unread or request.user.unread_notifications:
        notifications.mark_read(request.user, unread)
    context = {"page": page, "notifications": shown, "new": set(unread)}
    return render(request, "accounts/notification_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Members choose which emails they get."""
    form = NotificationsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your email choices are saved.")
        return redirect("accounts:notifications")
    return render(request, "accounts/notifications.html", {"form": form})


@csrf_exempt  # the signed token is the credential; mail programs post here with no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Anyone holding an email's link: GET asks, POST switches that kind of email off.

    (A GET never changes anything, so link scanners in mail systems cannot unsubscribe
    anyone; mail programs' one-click button POSTs, as RFC 8058 describes.)
    """
    read = notifications.read_token(token)
    user = User.objects.filter(pk=read[0]).first() if read else None
    if user is None:
        return render(request, "accounts/unsubscribe.html", {"invalid": True}, status=400)
    kind = notifications.KINDS[read[1]]
    done = request.method == "POST"
    if done:
        User.objects.filter(pk=user.pk).update(**{kind.field: False})
    context = {"label": kind.label, "done": done, "display_name": user.display_name}
    return render(request, "accounts/unsubscribe.html", context)
