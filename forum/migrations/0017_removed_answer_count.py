from django.db import migrations, models
from django.db.models import Count


def count_removed(apps, schema_editor):
    """Questions with answers moderators hid (few): their new count, from the answers."""
    Question = apps.get_model("forum", "Question")
    Answer = apps.get_model("forum", "Answer")
    hidden = Answer.objects.filter(status="hidden").values("question").annotate(n=Count("id"))
    for row in hidden.order_by():
        Question.objects.filter(pk=row["question"]).update(removed_answer_count=row["n"])


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0016_doctor_treatment_answer_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="removed_answer_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(count_removed, migrations.RunPython.noop, elidable=True),
    ]
