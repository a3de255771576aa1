"""Deleting members in the admin goes through delete_account, as their own deletion does.

The user admin lives in a lower layer, which cannot import this one; so this app, on top,
registers it again with deletion through the service. Admin modules are imported in
INSTALLED_APPS order, and privacy comes after the app that registers the user admin.
"""

from django.contrib import admin

from accounts.admin import UserAdmin as AccountsUserAdmin
from accounts.models import User
from privacy.deletion import delete_account


class UserAdmin(AccountsUserAdmin):
    def delete_model(self, request, obj):
        # Photos erased, counts put right; their questions and reviews stay up as
        # "Former member".
        delete_account(obj, keep_posts=True)

    def get_deleted_objects(self, objs, request):
        # What goes with a member is decided by delete_account, not by each model's admin
        # (most of which let nobody delete), so their permissions are not asked for here.
        deleted, counts, _, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_account(user, keep_posts=True)


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
