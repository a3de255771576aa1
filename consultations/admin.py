from django.contrib import admin
from django.utils.html import format_html, format_html_join

from consultations import services
from consultations.models import Consultation, Message
from moderation import audit
from moderation.admin_tools import ModeratedAdmin, ReportedFilter
from moderation.models import Action


class MessageInline(admin.StackedInline):
    model = Message
    fields = ["author", "created_at", "body", "pictures"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["created_at", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author").prefetch_related("photos")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Photos")
    def pictures(self, message):
        return format_html_join(
            " ",
            '<a href="{}"><img src="{}" alt="{}" width="{}" height="{}" loading="lazy"></a>',
            (
                (photo.url("full"), photo.url("320"), photo.alt_text, *photo.fitted(160))
                for photo in message.photos.all()
            ),
        ) or format_html("<span>{}</span>", "None")


@admin.register(Consultation)
class ConsultationAdmin(ModeratedAdmin):
    """Private conversations between a patient and a doctor: moderators see only those with a
    member's open report, or that they closed; never the rest. Each look is in the log."""

    list_display = [
        "__str__",
        "patient",
        "doctor",
        "status_badge",
        "open_report_count",
        "last_message_at",
    ]
    list_filter = [ReportedFilter, "status"]
    search_fields = ["subject", "patient__display_name", "doctor__name"]
    list_select_related = ["patient", "doctor"]
    inlines = [MessageInline, *ModeratedAdmin.inlines]
    readonly_fields = ["patient", "doctor", "subject", "treatment", "created_at", "last_message_at"]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).open_to_moderators()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        consultation = self.get_object(request, object_id)
        if request.method == "GET" and consultation is not None:
            audit.viewed(request.user, consultation, Action.CONSULTATION_READ)
        return response

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def delete_model(self, request, obj):
        services.consultation_delete(obj)

    def delete_queryset(self, request, queryset):
        for consultation in queryset:
            services.consultation_delete(consultation)
