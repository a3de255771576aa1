"""What every moderated model's admin shares: status badges, reasons asked on an
intermediate page, hide and restore actions, the item's reports."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.html import format_html

from moderation import audit, services
from moderation.models import OPEN, Action, Report

BADGES = {
    "published": "ok",
    "verified": "ok",
    "open": "warn",
    "pending": "warn",
    "hidden": "bad",
    "rejected": "bad",
    "suspended": "bad",
    "banned": "bad",
}


def without_emails(request, names) -> list:
    """Members' email addresses are for superusers only. Moderators judge what members post and
    reach them through the site, so the admin neither shows them an address nor lets them look
    a member up by one (which would tell them whose address it is)."""
    if request.user.is_superuser:
        return list(names)
    return [name for name in names if name.split("__")[-1] != "email"]


def badge(value: str, label: str):
    return format_html('<span class="badge badge--{}">{}</span>', BADGES.get(value, "plain"), label)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text="Shown to the author with the hidden content, word for word.",
    )


class NoteForm(forms.Form):
    reason = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Kept in the moderation log; members do not see it.",
    )


def ask(modeladmin, request, queryset, *, title: str, form_class, intro: str, shown=None):
    """An intermediate page asking for the reason (and what else form_class asks) about the
    selected rows (or the things they stand for, `shown`).

    Returns (cleaned_data, None) once the form is sent and valid, else (None, the page).
    """
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        return form.cleaned_data, None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "items": queryset,
        "shown": queryset if shown is None else shown,
        "form": form,
        "action": request.POST["action"],
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return None, TemplateResponse(request, "admin/moderation/reason.html", context)


def hide_or_restore(modeladmin, request, items, *, hidden: bool, reason: str = "") -> None:
    done = 0
    for item in items:
        try:
            done += services.set_hidden(item, hidden=hidden, actor=request.user, reason=reason)
        except ValidationError as error:
            modeladmin.message_user(request, f"{item}: {error.messages[0]}", messages.ERROR)
        except ObjectDoesNotExist:
            modeladmin.message_user(request, f"“{item}” was deleted meanwhile.", messages.WARNING)
    verb = "Hid" if hidden else "Restored"
    modeladmin.message_user(request, f"{verb} {done} item(s); the rest already were.")


class ReportInline(GenericTabularInline):
    """The reports members made about this item, newest first."""

    model = Report
    fields = ["created_at", "reporter", "reason", "details", "status", "resolved_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-created_at"]
    verbose_name_plural = "Reports from members"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter", "resolved_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "With open reports")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        return queryset


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records only the services write: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Edits made in the admin go to the moderation log too, with the fields changed."""

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        audit.record(
            actor=request.user,
            action=Action.EDIT,
            item=obj,
            reason=entry.get_change_message() if entry else "",
        )
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(actor=request.user, action=Action.DELETE, item=obj)
        return super().log_deletions(request, queryset)


class ModeratedAdmin(AuditedAdmin):
    """The admin of a model members can report and moderators can hide."""

    moderation_fields = ["status", "hidden_reason", "hidden_at"]
    actions = ["hide", "restore"]
    inlines = [ReportInline]

    def get_queryset(self, request):
        open_reports = (
            Report.objects.filter(
                OPEN,
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=OuterRef("pk"),
            )
            .values("object_id")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(open_reports=Coalesce(Subquery(open_reports, output_field=IntegerField()), 0))
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.moderation_fields]

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return badge(obj.status, obj.get_status_display())

    @admin.display(description="Open reports", ordering="open_reports")
    def open_report_count(self, obj):
        return obj.open_reports or ""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # moderators hide; the author deletes

    @admin.action(description="Hide the selected items (with a reason)", permissions=["change"])
    def hide(self, request, queryset):
        noun = self.model._meta.verbose_name_plural
        data, page = ask(
            self,
            request,
            queryset,
            title=f"Hide {noun}",
            form_class=ReasonForm,
            intro=f"These {noun} will disappear from every public page and count. "
            "Their authors will still see them, marked “Hidden by moderators” with your reason.",
        )
        if page:
            return page
        hide_or_restore(self, request, queryset, hidden=True, reason=data["reason"])
        return None

    @admin.action(description="Restore the selected items", permissions=["change"])
    def restore(self, request, queryset):
        hide_or_restore(self, request, queryset, hidden=False)
