from django.db import migrations, models

# PostgreSQL only: a trigram index lets search's "contains" use an index; SQLite has none.
# pg_trgm is a trusted extension: the database's owner may create it.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS doctor_search_trgm ON doctors_doctorprofile "
    "USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS doctor_search_trgm"]


def fill(apps, schema_editor):
    """As DoctorProfile.searchable_text: name, specialty, city and region, lowercased."""
    DoctorProfile = apps.get_model("doctors", "DoctorProfile")
    doctors = list(DoctorProfile.objects.select_related("specialty"))
    for doctor in doctors:
        specialty = doctor.specialty.name if doctor.specialty_id else ""
        parts = [doctor.name, specialty, doctor.city, doctor.region]
        doctor.search_text = " ".join(part for part in parts if part).lower()
    DoctorProfile.objects.bulk_update(doctors, ["search_text"], batch_size=1000)
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("doctors", "0006_licence_expiry_review_experience"),
    ]

    operations = [
        migrations.AddField(
            model_name="doctorprofile",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill, unfill),
    ]
