"""What the data migrations put in the database: the Moderators group and its permissions, the
urgent-symptom rules and the specialties.

Flushing the database (after each browser test, which runs in real transactions) empties it
too, and `--reuse-db` starts the next run on that flushed database without migrating again, so
the suite puts it back: before each browser test, and once when the session starts.
"""

import importlib
import json

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify

from doctors.models import Specialty
from forum.models import UrgentRule


def migration(name: str):
    return importlib.import_module(name)


def put_back() -> None:
    """Idempotent: on a database fresh from the migrations it changes nothing."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    moderators = migration("moderation.migrations.0002_moderators_permissions")
    group, _ = Group.objects.get_or_create(name=moderators.MODERATORS_GROUP)
    # Treatments were the forum's when that migration ran; treatments/migrations/0002 moved them.
    moved = {"view_treatment": "treatments", "change_treatment": "treatments"}
    group.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label=moved.get(codename, app_label), codename=codename
            )
            for app_label, codename in moderators.PERMISSIONS
        ]
    )
    triage = migration("forum.migrations.0009_triage_rules")
    updates = migration("forum.migrations.0012_sign_answers_moderate_updates")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forum",
            codename__in=[*triage.PERMISSIONS, *updates.PERMISSIONS],
        )
    )
    for app_label, name in [
        ("gallery", "0002_moderators_hide_pairs"),
        ("consultations", "0002_moderators_read_reported"),
    ]:
        granted = migration(f"{app_label}.migrations.{name}")
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=granted.PERMISSIONS
            )
        )
    put_back_urgent_rules(triage.RULES)
    for name in migration("doctors.migrations.0002_specialties_and_moderators").SPECIALTIES:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def put_back_urgent_rules(rules_file) -> None:
    if UrgentRule.objects.exists():
        return
    for rule in json.loads(rules_file.read_text()):
        UrgentRule.objects.create(
            name=rule["name"],
            treatment_names=", ".join(rule["treatments"]),
            phrases="\n".join(rule["phrases"]),
            advice=rule["advice"],
        )
