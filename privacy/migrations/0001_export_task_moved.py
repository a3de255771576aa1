"""The data export's task moved from accounts.export to privacy.export. The database task
backend stores each task by its module path, so exports queued before the move (and not yet
run) would fail to import: they are pointed at the new path."""

from django.db import migrations

OLD_PATH = "accounts.export.build_export"
NEW_PATH = "privacy.export.build_export"


def repoint(old: str, new: str):
    def run(apps, schema_editor):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        DBTaskResult.objects.filter(task_path=old, status="READY").update(task_path=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(repoint(OLD_PATH, NEW_PATH), repoint(NEW_PATH, OLD_PATH)),
    ]
