from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm
from accounts.models import Role
from accounts.permissions import verified_email_required


class SignupView(AllauthSignupView):
    """Anyone signed out. "?role=doctor" (from "Are you a doctor?" links) preselects the role."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.request.GET.get("role") in Role.values:
            initial["role"] = self.request.GET["role"]
        return initial


signup = SignupView.as_view()


@verified_email_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Members with a verified email change their public display name."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your display name is saved.")
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})
