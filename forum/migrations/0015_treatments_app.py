"""Treatment leaves the forum for the treatments app (treatments 0001): the questions' tags
point there, and the forum's state forgets the model. The table (forum_treatment) stays."""

import django.db.models.deletion
import taggit.managers
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0014_question_unseen"),
        ("treatments", "0002_treatment_content_type"),
        ("doctors", "0008_treatments_app"),  # nothing points at forum.Treatment any more
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="taggedquestion",
                    name="tag",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_questions",
                        to="treatments.treatment",
                    ),
                ),
                migrations.AlterField(
                    model_name="question",
                    name="treatments",
                    field=taggit.managers.TaggableManager(
                        help_text="A comma-separated list of tags.",
                        through="forum.TaggedQuestion",
                        to="treatments.Treatment",
                        verbose_name="treatments",
                    ),
                ),
                migrations.DeleteModel(name="Treatment"),
            ],
            database_operations=[],
        ),
    ]
