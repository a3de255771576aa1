from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import DISPLAY_NAME_TAKEN, ProfileForm, display_name_taken
from accounts.models import Role
from accounts.permissions import verified_email_required


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
