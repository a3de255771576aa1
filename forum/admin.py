from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from forum import search, services
from forum.models import (
    Answer,
    AnswerVote,
    Photo,
    Question,
    QuestionUpdate,
    UrgentRule,
)
from moderation import audit
from moderation.admin_tools import AuditedAdmin, ModeratedAdmin, ReadOnlyAdmin, ReportedFilter
from moderation.models import Action


def thumbnail(photo: Photo):
    # Through the photo view, which checks the moderator's access and logs restricted views.
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="admin-thumb">',
        photo.url("320"),
        photo.alt_text,
        *photo.fitted(80),
    )


class PhotoInline(admin.TabularInline):
    model = Photo
    fields = ["thumbnail", "alt_text", "position", "status", "hidden_reason", "size"]
    readonly_fields = ["thumbnail", "status", "hidden_reason", "size"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Photo")
    def thumbnail(self, photo: Photo):
        return thumbnail(photo)

    @admin.display(description="Size")
    def size(self, photo: Photo) -> str:
        return f"{photo.width} × {photo.height}"


class UpdateInline(admin.TabularInline):
    model = QuestionUpdate
    fields = ["created_at", "body", "status_set", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["headline", "doctor", "status", "helpful_count", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("doctor")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class UrgentFilter(admin.SimpleListFilter):
    title = "urgent care"
    parameter_name = "urgent"

    def lookups(self, request, model_admin):
        return [("yes", "Possibly urgent")]

    def queryset(self, request, queryset):
        return queryset.exclude(urgent_reasons=[]) if self.value() == "yes" else queryset


@admin.register(UrgentRule)
class UrgentRuleAdmin(AuditedAdmin):
    list_display = ["name", "treatment_names", "active"]
    list_filter = ["active"]
    search_fields = ["name", "phrases", "treatment_names"]
    fields = ["name", "treatment_names", "phrases", "advice", "active"]


@admin.register(Question)
class QuestionAdmin(ModeratedAdmin):
    list_display = [
        "title",
        "author",
        "urgent",
        "status_badge",
        "open_report_count",
        "photo_count",
        "answer_count",
        "photo_visibility",
        "patient_status",
        "created_at",
        "deleted",
    ]
    list_filter = [
        UrgentFilter,
        ReportedFilter,
        "status",
        "photo_visibility",
        "patient_status",
        "noindex",
        "created_at",
        "deleted_at",
    ]
    search_fields = ["title", "body", "author__display_name"]
    date_hierarchy = "created_at"
    list_select_related = ["author"]
    autocomplete_fields = ["author"]
    fields = [
        "author",
        "title",
        "slug",
        "body",
        "photo_visibility",
        "noindex",
        "patient_status",
        "status",
        "hidden_reason",
        "hidden_at",
        "answer_count",
        "photo_count",
        "created_at",
        "updated_at",
        "deleted_at",
    ]
    readonly_fields = [
        "author",
        "slug",
        "photo_visibility",
        "noindex",
        "patient_status",
        "answer_count",
        "photo_count",
        "created_at",
        "updated_at",
        "deleted_at",
    ]
    inlines = [PhotoInline, UpdateInline, AnswerInline, *ModeratedAdmin.inlines]
    actions = [*ModeratedAdmin.actions, "soft_delete"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        search.refresh([form.instance.pk])  # an edited title or body is found by its words

    @admin.display(description="Possibly urgent", boolean=True)
    def urgent(self, question: Question) -> bool:
        return question.is_urgent

    @admin.display(description="Deleted by the asker", boolean=True, ordering="deleted_at")
    def deleted(self, question: Question) -> bool:
        return question.deleted_at is not None

    def has_soft_delete_permission(self, request) -> bool:
        return request.user.is_superuser

    @admin.action(
        description="Delete the selected questions and erase their photos",
        permissions=["soft_delete"],
    )
    def soft_delete(self, request, queryset) -> None:
        for question in queryset:
            services.question_delete(question=question)
            audit.record(actor=request.user, action=Action.DELETE, item=question)
        self.message_user(request, f"Deleted {queryset.count()} question(s).")


@admin.register(QuestionUpdate)
class QuestionUpdateAdmin(ModeratedAdmin):
    """The askers' follow-ups. Moderators hide and restore them; the asker removes them."""

    list_display = [
        "created_at",
        "question",
        "excerpt",
        "status_set",
        "status_badge",
        "open_report_count",
    ]
    list_filter = [ReportedFilter, "status", "status_set", "created_at"]
    search_fields = ["body", "question__title"]
    date_hierarchy = "created_at"
    list_select_related = ["question"]
    fields = [
        "question",
        "created_at",
        "status_set",
        "body",
        "status",
        "hidden_reason",
        "hidden_at",
    ]
    readonly_fields = ["question", "created_at", "status_set"]

    @admin.display(description="Text")
    def excerpt(self, update: QuestionUpdate) -> str:
        return update.body[:80] + ("…" if len(update.body) > 80 else "")


@admin.register(Photo)
class PhotoAdmin(ModeratedAdmin):
    list_display = [
        "thumbnail",
        "alt_text",
        "question",
        "visibility",
        "status_badge",
        "open_report_count",
        "created_at",
    ]
    list_display_links = ["thumbnail", "alt_text"]
    list_filter = [ReportedFilter, "status", "question__photo_visibility", "created_at"]
    search_fields = ["alt_text", "question__title"]
    date_hierarchy = "created_at"
    list_select_related = ["question"]
    fields = [
        "preview",
        "question",
        "update",
        "alt_text",
        "position",
        "size",
        "status",
        "hidden_reason",
        "hidden_at",
        "created_at",
    ]
    readonly_fields = ["preview", "question", "update", "position", "size", "created_at"]

    @admin.display(description="Photo")
    def thumbnail(self, photo: Photo):
        return thumbnail(photo)

    @admin.display(description="Photo")
    def preview(self, photo: Photo):
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            photo.thumb_url,
            photo.alt_text,
            photo.thumb_width,
            photo.thumb_height,
        )

    @admin.display(description="Visible to", ordering="question__photo_visibility")
    def visibility(self, photo: Photo) -> str:
        return photo.question.get_photo_visibility_display()

    @admin.display(description="Size")
    def size(self, photo: Photo) -> str:
        return f"{photo.width} × {photo.height}"


@admin.register(Answer)
class AnswerAdmin(ModeratedAdmin):
    list_display = [
        "headline",
        "doctor",
        "question_link",
        "status_badge",
        "open_report_count",
        "helpful_count",
        "created_at",
    ]
    list_filter = [ReportedFilter, "status", "helped_asker", "created_at"]
    search_fields = ["headline", "body", "doctor__name", "question__title"]
    date_hierarchy = "created_at"
    list_select_related = ["doctor", "question"]
    autocomplete_fields = ["doctor"]
    fields = [
        "question",
        "doctor",
        "headline",
        "body",
        "signed_name",
        "signed_line",
        "helpful_count",
        "helped_asker",
        "status",
        "hidden_reason",
        "hidden_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "question",
        "doctor",
        "signed_name",
        "signed_line",
        "helpful_count",
        "helped_asker",
        "created_at",
        "updated_at",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        search.refresh([obj.question_id])

    @admin.display(description="Question", ordering="question__title")
    def question_link(self, answer: Answer):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:forum_question_change", args=[answer.question_id]),
            answer.question.title,
        )


@admin.register(AnswerVote)
class AnswerVoteAdmin(ReadOnlyAdmin):
    """ "Helpful" votes, to look into vote rings. Counted by the services; never edited here."""

    list_display = ["created_at", "user", "answer"]
    search_fields = ["user__display_name", "answer__headline"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "answer"]
    fields = ["created_at", "user", "answer"]
    readonly_fields = fields
