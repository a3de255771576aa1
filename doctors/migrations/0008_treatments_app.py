"""The doctors' followed treatments and the reviews' treatment point at the treatments app's
model (the same table, forum_treatment): a change of Django's state alone."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("doctors", "0007_doctor_search_text"),
        ("treatments", "0002_treatment_content_type"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="doctorprofile",
                    name="followed_treatments",
                    field=models.ManyToManyField(
                        blank=True, related_name="following_doctors", to="treatments.treatment"
                    ),
                ),
                migrations.AlterField(
                    model_name="review",
                    name="treatment",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="treatments.treatment",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
