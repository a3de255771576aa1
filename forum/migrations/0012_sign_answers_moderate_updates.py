"""Existing answers are signed with who their doctor is now (the best record there is), and
moderators may view and change (hide, restore) the askers' follow-ups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS_GROUP = "Moderators"
PERMISSIONS = ["view_questionupdate", "change_questionupdate"]


def sign_answers(apps, schema_editor):
    Answer = apps.get_model("forum", "Answer")
    DoctorProfile = apps.get_model("doctors", "DoctorProfile")
    for doctor in DoctorProfile.objects.select_related("specialty").iterator():
        name = ", ".join([doctor.name, *doctor.credentials]) if doctor.name else ""
        specialty = doctor.specialty.name if doctor.specialty_id else ""
        line = " ".join(part for part in [doctor.city, specialty] if part)
        Answer.objects.filter(doctor=doctor, signed_name="").update(
            signed_name=name, signed_line=line
        )


def grant(apps, schema_editor):
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
        ("forum", "0011_follow_ups_privacy_answer_signature"),
        ("doctors", "0006_licence_expiry_review_experience"),
    ]

    operations = [
        migrations.RunPython(sign_answers, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
