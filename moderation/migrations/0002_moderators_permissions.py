"""The Moderators group holds exactly what moderators need, and nothing else: view and change
the content they moderate, the reports and the reference data, ban members, read the log.
No deleting, no adding members, no editing permissions or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS_GROUP = "Moderators"
PERMISSIONS = [
    *(
        (app_label, f"{verb}_{model}")
        for app_label, model in [
            ("forum", "question"),
            ("forum", "photo"),
            ("forum", "answer"),
            ("forum", "treatment"),
            ("doctors", "review"),
            ("doctors", "doctorprofile"),
            ("doctors", "specialty"),
            ("moderation", "report"),
        ]
        for verb in ("view", "change")
    ),
    ("doctors", "view_verificationdecision"),
    ("moderation", "view_moderationaction"),
    ("accounts", "view_user"),
    ("accounts", "ban_user"),
]


def set_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; make these apps' exist now.
    for label in ("accounts", "forum", "doctors", "moderation"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in PERMISSIONS
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("accounts", "0003_bans"),
        ("forum", "0004_moderation"),
        ("doctors", "0004_review_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_permissions, migrations.RunPython.noop)]
