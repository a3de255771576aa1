from django.db import migrations, models

from doctors.places import zip_point


def place(apps, schema_editor):
    """Put the practices that have a ZIP code on the map, as DoctorProfile.save() does."""
    DoctorProfile = apps.get_model("doctors", "DoctorProfile")
    doctors = list(DoctorProfile.objects.exclude(postal_code=""))
    for doctor in doctors:
        doctor.latitude, doctor.longitude = zip_point(doctor.postal_code) or (None, None)
    DoctorProfile.objects.bulk_update(doctors, ["latitude", "longitude"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("doctors", "0010_practice_address_and_location"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="doctorprofile",
            index=models.Index(
                condition=models.Q(("status", "verified")),
                fields=["latitude", "longitude"],
                name="doctor_verified_location",
            ),
        ),
        migrations.RunPython(place, migrations.RunPython.noop),
    ]
