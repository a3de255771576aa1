"""Moderators may view and change (hide, restore) before-and-after pairs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS_GROUP = "Moderators"
PERMISSIONS = ["view_pair", "change_pair", "view_pairphoto"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("gallery")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="gallery", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0001_initial"),
        ("accounts", "0002_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
