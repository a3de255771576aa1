from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

SPECIALTIES = [
    "Plastic Surgeon",
    "Facial Plastic Surgeon",
    "Dermatologist",
    "Oculoplastic Surgeon",
    "Cosmetic Dentist",
    "Oral and Maxillofacial Surgeon",
    "Otolaryngologist",
    "Cosmetic Surgeon",
]
MODERATORS_GROUP = "Moderators"
PERMISSIONS = [
    ("doctors", "view_doctorprofile"),
    ("doctors", "change_doctorprofile"),
    ("doctors", "view_specialty"),
    ("doctors", "add_specialty"),
    ("doctors", "change_specialty"),
    ("doctors", "view_verificationdecision"),
    ("forum", "view_answer"),
]


def forwards(apps, schema_editor):
    Specialty = apps.get_model("doctors", "Specialty")
    for name in SPECIALTIES:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for label in ("doctors", "forum"):
        # Permissions are normally created after all migrations; make these exist now.
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("doctors", "0001_initial"),
        ("forum", "0003_answers"),
        ("accounts", "0002_moderators_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
