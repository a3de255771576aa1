from django.contrib import admin
from django.utils.html import format_html

from forum import services
from forum.models import Photo, Question, Treatment


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ["thumbnail", "alt_text", "position", "width", "height"]
    readonly_fields = ["thumbnail", "width", "height"]
    extra = 0
    can_delete = False

    @admin.display(description="Photo")
    def thumbnail(self, photo: Photo) -> str:
        return format_html(
            '<img src="{}" alt="{}" width="80" loading="lazy">', photo.url("320"), photo.alt_text
        )


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "photo_count", "answer_count", "created_at", "deleted_at"]
    list_filter = ["photo_visibility", "created_at", "deleted_at"]
    search_fields = ["title", "author__display_name"]
    date_hierarchy = "created_at"
    list_select_related = ["author"]
    autocomplete_fields = ["author"]
    readonly_fields = [
        "slug",
        "answer_count",
        "photo_count",
        "created_at",
        "updated_at",
        "deleted_at",
    ]
    inlines = [PhotoInline]
    actions = ["soft_delete"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Questions are soft-deleted through the action below, which also erases the photos.
        return False

    @admin.action(description="Delete the selected questions and erase their photos")
    def soft_delete(self, request, queryset) -> None:
        for question in queryset:
            services.question_delete(question=question)
        self.message_user(request, f"Deleted {queryset.count()} question(s).")
