from django.contrib import admin
from django.utils.html import format_html

from gallery import services
from gallery.models import Pair, PairPhoto
from moderation.admin_tools import ModeratedAdmin, ReportedFilter


class PairPhotoInline(admin.TabularInline):
    model = PairPhoto
    fields = ["side", "preview", "width", "height"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Photo")
    def preview(self, photo):
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
            photo.url("320"),
            photo.alt_text,
            *photo.fitted(160),
        )


@admin.register(Pair)
class PairAdmin(ModeratedAdmin):
    list_display = [
        "__str__",
        "doctor",
        "treatment",
        "status_badge",
        "open_report_count",
        "created_at",
    ]
    list_filter = [ReportedFilter, "status", "created_at"]
    search_fields = ["caption", "doctor__name", "treatment__name"]
    list_select_related = ["doctor", "treatment"]
    date_hierarchy = "created_at"
    inlines = [PairPhotoInline, *ModeratedAdmin.inlines]
    readonly_fields = [
        "doctor",
        "treatment",
        "time_after",
        "consent_given",
        "consent_recorded_by",
        "consent_recorded_at",
        "created_at",
    ]
    fields = [*readonly_fields[:3], "caption", *readonly_fields[3:]]

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def delete_model(self, request, obj):
        services.pair_delete(obj)

    def delete_queryset(self, request, queryset):
        for pair in queryset:
            services.pair_delete(pair)
