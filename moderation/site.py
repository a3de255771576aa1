"""The moderators' admin site: allauth's login with its second factor, and MFA required."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


class ModerationSite(admin.AdminSite):
    site_header = "DocAnswers moderation"
    site_title = "DocAnswers moderation"
    index_title = "Moderation"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and not user.is_banned and is_mfa_enabled(user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """No password form of the admin's own: the site's login asks for the second factor.

        Staff without two-factor authentication are sent to set it up first.
        """
        user = request.user
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if user.is_staff and user.is_active and not is_mfa_enabled(user):
            return render(request, "admin/mfa_required.html", status=403)
        return render(
            request,
            "403.html",
            {"exception": "The moderation area is for DocAnswers moderators."},
            status=403,
        )

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        from django.utils import timezone

        from doctors.models import DoctorProfile, Status
        from doctors.services import LICENCE_WARNING
        from moderation.models import OPEN, Report

        today = timezone.localdate()
        counts = {
            "open_reports": Report.objects.filter(OPEN).count(),
            "pending_doctors": DoctorProfile.objects.filter(status=Status.PENDING).count(),
            "licences_ending": DoctorProfile.objects.filter(
                status=Status.VERIFIED,
                licence_expires_on__gte=today,
                licence_expires_on__lte=today + LICENCE_WARNING,
            ).count(),
        }
        return super().index(request, {**counts, **(extra_context or {})})
