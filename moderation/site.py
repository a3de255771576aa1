"""The moderators' admin site: allauth's login with its second factor, and MFA required."""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


@dataclass(frozen=True)
class Queue:
    label: str
    link: str
    count: Callable[[], int]

    def url(self) -> str:
        name, _, query = self.link.partition("?")
        return f"{reverse(name)}?{query}" if query else reverse(name)


class ModerationSite(admin.AdminSite):
    site_header = "DocAnswers moderation"
    site_title = "DocAnswers moderation"
    index_title = "Moderation"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.queues: list[Queue] = []

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

    def add_queue(self, label: str, link: str, count: Callable[[], int]) -> None:
        """Show a count of work waiting for moderators on the index page, after open
        reports: `link` is the URL name of an admin list with its query ("name?query")."""
        self.queues.append(Queue(label, link, count))

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        from moderation.models import OPEN, Report  # this module is loaded before the models

        reports = Queue(
            "Open reports",
            "admin:moderation_report_changelist?status__exact=open",
            Report.objects.filter(OPEN).count,
        )
        queues = [
            {"label": queue.label, "url": queue.url(), "count": queue.count()}
            for queue in [reports, *self.queues]
        ]
        return super().index(request, {"queues": queues, **(extra_context or {})})
