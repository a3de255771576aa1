from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from doctors import services
from doctors.forms import CredentialsField
from doctors.models import (
    LICENCE_WARNING,
    DoctorProfile,
    Review,
    Specialty,
    Status,
    VerificationDecision,
)
from moderation.admin_tools import (
    AuditedAdmin,
    ModeratedAdmin,
    ReadOnlyAdmin,
    ReasonForm,
    ReportedFilter,
    ask,
    badge,
    without_emails,
)


@admin.register(Specialty)
class SpecialtyAdmin(AuditedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DecisionInline(admin.TabularInline):
    model = VerificationDecision

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by")

    fields = ["decided_at", "status", "reason", "decided_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DecisionReasonForm(ReasonForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text="Sent to the doctor by email, word for word.",
    )


class DoctorProfileAdminForm(forms.ModelForm):
    credentials = CredentialsField(required=False, help_text="Separated by commas: MD, FACS.")

    class Meta:
        model = DoctorProfile
        fields = [
            "user",
            "name",
            "credentials",
            "specialty",
            "licence_number",
            "licence_jurisdiction",
            "licence_expires_on",
            "board_certification",
            "practice_name",
            "city",
            "region",
            "country",
            "website",
            "bio",
            "followed_treatments",
        ]


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ["title", "rating", "author", "status", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class LicenceFilter(admin.SimpleListFilter):
    """Licences to look at: ending within LICENCE_WARNING, or ended."""

    title = "licence"
    parameter_name = "licence"

    def lookups(self, request, model_admin):
        days = LICENCE_WARNING.days
        return [
            ("ending", f"Verified, ends within {days} days"),
            ("ended", "End date passed"),
            ("undated", "Verified, no end date"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "ending":
                return queryset.licence_ending()
            case "ended":
                return queryset.filter(licence_expires_on__lt=today)
            case "undated":
                return queryset.filter(status=Status.VERIFIED, licence_expires_on__isnull=True)
        return queryset


@admin.register(VerificationDecision)
class VerificationDecisionAdmin(ReadOnlyAdmin):
    """Every verification decision, across doctors. Written by the services only."""

    list_display = ["decided_at", "profile", "status_badge", "reason", "decided_by"]
    list_filter = ["status", "decided_at"]
    search_fields = ["profile__name", "reason", "decided_by__display_name"]
    date_hierarchy = "decided_at"
    list_select_related = ["profile", "decided_by"]
    fields = ["decided_at", "profile", "status", "reason", "decided_by"]
    readonly_fields = fields

    @admin.display(description="Status", ordering="status")
    def status_badge(self, decision: VerificationDecision):
        return badge(decision.status, decision.get_status_display())


@admin.register(DoctorProfile)
class DoctorProfileAdmin(AuditedAdmin):
    form = DoctorProfileAdminForm
    list_display = [
        "headshot",
        "__str__",
        "status_badge",
        "specialty",
        "city",
        "licence_jurisdiction",
        "licence_expires_on",
        "submitted_at",
        "answer_count",
        "rating",
    ]
    list_display_links = ["headshot", "__str__"]
    list_filter = ["status", LicenceFilter, "specialty", "country"]
    search_fields = ["name", "user__email", "user__display_name", "licence_number", "city"]
    list_select_related = ["specialty", "user"]
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["followed_treatments"]

    def get_search_fields(self, request):
        return without_emails(request, super().get_search_fields(request))

    readonly_fields = [
        "headshot",
        "status",
        "status_reason",
        "decided_by",
        "decided_at",
        "submitted_at",
        "verified_at",
        "answer_count",
        "slug",
    ]
    fieldsets = [
        (None, {"fields": ["headshot", "user", "name", "credentials", "specialty", "slug"]}),
        (
            "Licence (moderators only)",
            {
                "fields": [
                    "licence_number",
                    "licence_jurisdiction",
                    "licence_expires_on",
                    "board_certification",
                ]
            },
        ),
        ("Practice", {"fields": ["practice_name", "city", "region", "country", "website", "bio"]}),
        (
            "Verification",
            {
                "fields": [
                    "status",
                    "status_reason",
                    "submitted_at",
                    "decided_by",
                    "decided_at",
                    "verified_at",
                ]
            },
        ),
        ("Activity", {"fields": ["answer_count", "followed_treatments"]}),
    ]
    inlines = [DecisionInline, ReviewInline]
    actions = ["verify", "reject", "suspend", "reinstate"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        # Whose profile it is never changes once made.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "user"] if obj is not None else fields

    def get_urls(self):
        view = self.admin_site.admin_view(self.headshot_file)
        return [
            path("<int:pk>/headshot/", view, name="doctors_doctorprofile_headshot"),
            *super().get_urls(),
        ]

    def headshot_file(self, request, pk: int):
        """The headshot of any application, verified or not, for moderators checking it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        profile = get_object_or_404(DoctorProfile, pk=pk)
        if not profile.headshot_key:
            raise Http404("No headshot.")
        try:
            response = FileResponse(
                default_storage.open(profile.headshot_file_name("320")), content_type="image/webp"
            )
        except FileNotFoundError:
            raise Http404("No headshot.") from None
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description="Photo")
    def headshot(self, profile: DoctorProfile):
        if not profile.headshot_key:
            return ""
        return format_html(
            '<img src="{}" alt="" width="40" height="40" loading="lazy" class="admin-thumb">',
            reverse("admin:doctors_doctorprofile_headshot", args=[profile.pk]),
        )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, profile: DoctorProfile):
        return badge(profile.status, profile.get_status_display())

    @admin.display(description="Rating", ordering="rating_average")
    def rating(self, profile: DoctorProfile) -> str:
        if not profile.review_count:
            return "—"
        return f"{profile.rating_average} ({profile.review_count})"

    def decide(self, request, queryset, decision: str, reason: str = "") -> None:
        done = 0
        for profile in queryset:
            try:
                services.verification_decide(
                    profile=profile, decision=decision, reason=reason, moderator=request.user
                )
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{profile}: {error.messages[0]}", messages.ERROR)
        if done:
            self.message_user(request, f"{done} doctor(s): {decision} done; each was emailed.")

    def decide_with_reason(self, request, queryset, decision: str, title: str):
        """Ask for the reason on an intermediate page, then decide."""
        data, page = ask(
            self,
            request,
            queryset,
            title=title,
            form_class=DecisionReasonForm,
            intro="Each doctor below will get an email with your reason.",
        )
        if page:
            return page
        self.decide(request, queryset, decision, data["reason"])
        return None

    @admin.action(description="Verify the selected doctors", permissions=["change"])
    def verify(self, request, queryset):
        """Pending applications, and lapsed licences a moderator has seen renewed."""
        self.decide(request, queryset.filter(status__in=services.ALLOWED_FROM["verify"]), "verify")

    @admin.action(
        description="Reject the selected applications (with a reason)", permissions=["change"]
    )
    def reject(self, request, queryset):
        return self.decide_with_reason(
            request, queryset.filter(status=Status.PENDING), "reject", "Reject applications"
        )

    @admin.action(
        description="Suspend the selected doctors (with a reason)", permissions=["change"]
    )
    def suspend(self, request, queryset):
        return self.decide_with_reason(
            request,
            queryset.filter(status__in=services.ALLOWED_FROM["suspend"]),
            "suspend",
            "Suspend doctors",
        )

    @admin.action(description="Reinstate the selected suspended doctors", permissions=["change"])
    def reinstate(self, request, queryset):
        self.decide(request, queryset.filter(status=Status.SUSPENDED), "reinstate")


@admin.register(Review)
class ReviewAdmin(ModeratedAdmin):
    list_display = [
        "title",
        "doctor",
        "author",
        "rating",
        "status_badge",
        "open_report_count",
        "created_at",
    ]
    list_filter = [ReportedFilter, "status", "rating", "worth_it", "created_at"]
    search_fields = ["title", "body", "doctor__name", "author__display_name"]
    list_select_related = ["doctor", "author"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["doctor", "author"]
    readonly_fields = ["doctor", "author", "rating", "replied_at", "created_at", "updated_at"]
    fields = [
        "doctor",
        "author",
        "rating",
        "title",
        "body",
        "worth_it",
        "cost_range",
        "treated_in",
        "reply",
        "replied_at",
        "status",
        "hidden_reason",
        "hidden_at",
        "created_at",
        "updated_at",
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def delete_model(self, request, obj):
        services.review_delete(review=obj)

    def delete_queryset(self, request, queryset):
        for review in queryset.select_related("doctor"):
            services.review_delete(review=review)


admin.site.add_queue(
    "Doctors waiting for verification",
    "admin:doctors_doctorprofile_changelist?status__exact=pending",
    lambda: DoctorProfile.objects.filter(status=Status.PENDING).count(),
)
admin.site.add_queue(
    f"Licences ending within {LICENCE_WARNING.days} days",
    "admin:doctors_doctorprofile_changelist?licence=ending",
    lambda: DoctorProfile.objects.licence_ending().count(),
)
