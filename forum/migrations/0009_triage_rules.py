"""Load the urgent-care rules kept in the repo (forum/triage_rules.json), and let moderators
view, add and change them."""

import json
from pathlib import Path

from django.contrib.auth.management import create_permissions
from django.db import migrations

RULES = Path(__file__).resolve().parent.parent / "triage_rules.json"
MODERATORS_GROUP = "Moderators"
PERMISSIONS = ["view_urgentrule", "add_urgentrule", "change_urgentrule"]


def load(apps, schema_editor):
    UrgentRule = apps.get_model("forum", "UrgentRule")
    for rule in json.loads(RULES.read_text()):
        UrgentRule.objects.update_or_create(
            name=rule["name"],
            defaults={
                "treatment_names": ", ".join(rule["treatments"]),
                "phrases": "\n".join(rule["phrases"]),
                "advice": rule["advice"],
            },
        )
    app_config = apps.get_app_config("forum")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="forum", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0008_urgent_triage"),
        ("moderation", "0002_moderators_permissions"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
