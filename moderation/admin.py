from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from moderation import services
from moderation.admin_tools import NoteForm, ReadOnlyAdmin, ReasonForm, ask, badge, hide_or_restore
from moderation.models import ModerationAction, Report, ReportStatus


def admin_link(content_type, object_id, label):
    """A link to the item's admin page (the label alone if it has none)."""
    try:
        url = reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change", args=[object_id]
        )
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "kind",
        "reported_item",
        "reason",
        "reporter",
        "status_badge",
        "resolved_by",
    ]
    list_filter = [
        "status",
        "reason",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    search_fields = ["details", "reporter__display_name"]
    date_hierarchy = "created_at"
    list_select_related = ["reporter", "resolved_by", "content_type"]
    ordering = ["-created_at"]
    fields = [
        "kind",
        "reported_item",
        "reporter",
        "reason",
        "details",
        "created_at",
        "status",
        "resolved_by",
        "resolved_at",
        "resolution",
    ]
    readonly_fields = fields
    actions = ["resolve_actioned", "dismiss", "hide_items"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Kind", ordering="content_type")
    def kind(self, report: Report) -> str:
        return report.content_type.name

    @admin.display(description="Reported item")
    def reported_item(self, report: Report):
        item = report.item
        if item is None:
            return "(deleted)"
        label = str(item)[:80]
        if item.status == "hidden":
            label += " (hidden)"
        return admin_link(report.content_type, report.object_id, label)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, report: Report):
        return badge(report.status, report.get_status_display())

    def resolve(self, request, queryset, outcome: str, title: str):
        data, page = ask(
            self,
            request,
            queryset.filter(status=ReportStatus.OPEN),
            title=title,
            form_class=NoteForm,
            intro="These reports will be closed. The reporters are not notified.",
        )
        if page:
            return page
        done = sum(
            services.report_resolve(
                report=r, actor=request.user, outcome=outcome, note=data["reason"]
            )
            for r in queryset
        )
        self.message_user(request, f"Closed {done} report(s).")
        return None

    @admin.action(description="Resolve: action taken", permissions=["change"])
    def resolve_actioned(self, request, queryset):
        return self.resolve(request, queryset, ReportStatus.ACTIONED, "Resolve: action taken")

    @admin.action(description="Dismiss: nothing wrong", permissions=["change"])
    def dismiss(self, request, queryset):
        return self.resolve(request, queryset, ReportStatus.DISMISSED, "Dismiss reports")

    @admin.action(description="Hide the reported items (with a reason)", permissions=["change"])
    def hide_items(self, request, queryset):
        items = {(r.content_type_id, r.object_id): r.item for r in queryset if r.item is not None}
        for item in items.values():
            if not request.user.has_perm(f"{item._meta.app_label}.change_{item._meta.model_name}"):
                self.message_user(request, f"You can't hide {item}.", messages.ERROR)
                return None
        data, page = ask(
            self,
            request,
            queryset,
            title="Hide the reported items",
            form_class=ReasonForm,
            shown=[f"{item._meta.verbose_name.capitalize()}: {item}" for item in items.values()],
            intro="The items these reports are about will disappear from every public page and "
            "count, and their open reports will be closed as “action taken”. Their authors "
            "will still see them, marked “Hidden by moderators” with your reason.",
        )
        if page:
            return page
        hide_or_restore(self, request, items.values(), hidden=True, reason=data["reason"])
        return None


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    """The moderation log: read-only for everyone, superusers included."""

    list_display = [
        "created_at",
        "who",
        "action",
        "kind",
        "item_link",
        "status_before",
        "status_after",
        "short_reason",
    ]
    list_filter = ["action", ("content_type", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["item_label", "reason", "actor_name"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    fields = [
        "created_at",
        "who",
        "action",
        "kind",
        "item_link",
        "reason",
        "status_before",
        "status_after",
    ]
    readonly_fields = fields

    @admin.display(description="Who", ordering="actor_name")
    def who(self, entry: ModerationAction) -> str:
        return entry.actor_name or "DocAnswers (automatic)"

    @admin.display(description="Kind", ordering="content_type")
    def kind(self, entry: ModerationAction) -> str:
        return entry.content_type.name

    @admin.display(description="Item", ordering="item_label")
    def item_link(self, entry: ModerationAction):
        return admin_link(entry.content_type, entry.object_id, entry.item_label)

    @admin.display(description="Reason")
    def short_reason(self, entry: ModerationAction) -> str:
        return entry.reason[:80] + ("…" if len(entry.reason) > 80 else "")
