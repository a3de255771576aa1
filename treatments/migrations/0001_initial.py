"""Treatment moves from the forum to this app without touching the database: its table keeps
its name (forum_treatment) and its index, and only Django's idea of where the model lives
changes. forum 0015 and doctors 0008 point their fields here and take it out of the forum."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("forum", "0014_question_unseen"),  # the table, with its question_count and index
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Treatment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        (
                            "slug",
                            models.SlugField(
                                allow_unicode=True, max_length=100, unique=True, verbose_name="slug"
                            ),
                        ),
                        (
                            "description",
                            models.TextField(
                                blank=True,
                                help_text="One or two plain sentences shown at the top of the "
                                "treatment's page.",
                                max_length=1000,
                            ),
                        ),
                        ("question_count", models.PositiveIntegerField(default=0, editable=False)),
                    ],
                    options={
                        "db_table": "forum_treatment",
                        "ordering": ["name"],
                        "indexes": [
                            models.Index(
                                models.OrderBy(models.F("question_count"), descending=True),
                                models.F("name"),
                                condition=models.Q(("question_count__gt", 0)),
                                name="treatment_popular",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
