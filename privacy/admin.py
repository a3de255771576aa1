"""Members in the admin: moderators ban them (through moderation's services), and a deletion goes
through delete_account, as a member's own does. In privacy, on top, since it needs both."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from moderation import services
from moderation.admin_tools import ReasonForm, ask, badge, without_emails
from privacy.deletion import delete_account


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name", "role"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class BanForm(ReasonForm):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text="Shown to the member when they try to log in, word for word.",
    )
    until = forms.DateTimeField(
        label="Ban ends",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty for a ban without an end date.",
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until is not None and until <= timezone.now():
            raise ValidationError("The end of the ban must be in the future.")
        return until


class BannedFilter(admin.SimpleListFilter):
    title = "ban"
    parameter_name = "banned"

    def lookups(self, request, model_admin):
        return [("yes", "Banned now"), ("no", "Not banned")]

    def queryset(self, request, queryset):
        banned = {"banned_at__isnull": False}
        ended = {"banned_until__lte": timezone.now()}
        if self.value() == "yes":
            return queryset.filter(**banned).exclude(**ended)
        if self.value() == "no":
            return queryset.exclude(banned_at__isnull=False, banned_until=None).exclude(
                banned_at__isnull=False, banned_until__gt=timezone.now()
            )
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    ordering = ["-date_joined"]
    list_display = [
        "display_name",
        "email",
        "role",
        "ban_status",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = [BannedFilter, "role", "is_staff", "is_active", "groups"]
    search_fields = ["display_name", "email"]
    date_hierarchy = "date_joined"
    readonly_fields = ["date_joined", "last_login", "banned_at", "banned_until", "ban_reason"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Public profile", {"fields": ["display_name", "role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Ban", {"fields": ["banned_at", "banned_until", "ban_reason"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "display_name", "role", "password1", "password2"],
            },
        )
    ]
    filter_horizontal = ["groups"]
    actions = ["ban", "unban"]

    def get_list_display(self, request):
        return without_emails(request, super().get_list_display(request))

    def get_search_fields(self, request):
        return without_emails(request, super().get_search_fields(request))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        # Moderators see no address, and the password hash's summary is no use to them.
        return [(name, options) for name, options in fieldsets if name is not None]

    def delete_model(self, request, obj):
        # As when members delete their own account (photos erased, counts put right); their
        # questions and reviews stay up as "Former member".
        delete_account(obj, keep_posts=True)

    def get_deleted_objects(self, objs, request):
        # What goes with a member is decided by delete_account, not by each model's admin
        # (most of which let nobody delete), so their permissions are not asked for here.
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_account(user, keep_posts=True)

    @admin.display(description="Ban", ordering="banned_at")
    def ban_status(self, user: User):
        if not user.is_banned:
            return ""
        until = f" until {user.banned_until:%Y-%m-%d}" if user.banned_until else ""
        return badge("banned", f"Banned{until}")

    def has_ban_permission(self, request) -> bool:
        return request.user.has_perm("accounts.ban_user")

    @admin.action(description="Ban the selected members (with a reason)", permissions=["ban"])
    def ban(self, request, queryset):
        data, page = ask(
            self,
            request,
            queryset,
            title="Ban members",
            form_class=BanForm,
            intro="These members will be logged out, and will not be able to log in or post "
            "until the ban ends. They will see your reason.",
        )
        if page:
            return page
        done = 0
        for user in queryset:
            try:
                services.ban(
                    user=user, actor=request.user, reason=data["reason"], until=data["until"]
                )
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{user}: {error.messages[0]}", messages.ERROR)
        if done:
            self.message_user(request, f"Banned {done} member(s).")
        return None

    @admin.action(description="Lift the ban on the selected members", permissions=["ban"])
    def unban(self, request, queryset):
        done = sum(services.unban(user=user, actor=request.user) for user in queryset)
        self.message_user(request, f"Lifted the ban on {done} member(s).")
