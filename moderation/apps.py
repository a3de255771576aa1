from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ModerationConfig(AppConfig):
    default = True
    name = "moderation"
    verbose_name = "Moderation"


class ModerationAdminConfig(admin_apps.AdminConfig):
    """The Django admin, as the moderators' site: MFA required, open work counted."""

    default = False
    default_site = "moderation.site.ModerationSite"
