from django.contrib import admin
from taggit.models import Tag

from moderation.admin_tools import AuditedAdmin
from treatments import signals
from treatments.models import Treatment

# Treatments are this project's tags; taggit's own Tag model is unused, so its admin (and its
# "merge tags" page, open to any staff member) goes.
admin.site.unregister(Tag)


@admin.register(Treatment)
class TreatmentAdmin(AuditedAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            signals.renamed.send(sender=Treatment, treatment=obj)
