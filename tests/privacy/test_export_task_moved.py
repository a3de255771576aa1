"""The export's task moved from accounts to privacy: exports queued before the move still run."""

import importlib

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from accounts.tasks import deliver_email
from privacy.export import build_export

moved = importlib.import_module("privacy.migrations.0001_export_task_moved")


def queued(path: str, status: str = "READY") -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=path,
        status=status,
        args_kwargs={"args": [], "kwargs": {"export_id": 1}},
        backend_name="default",
        run_after=timezone.now(),
    )


def test_the_migration_points_at_where_the_task_lives():
    assert build_export.module_path == moved.NEW_PATH


def test_queued_exports_are_pointed_at_the_new_path_and_history_is_left(db):
    waiting = queued(moved.OLD_PATH)
    done = queued(moved.OLD_PATH, status="SUCCESSFUL")
    email = queued(deliver_email.module_path)
    moved.repoint(moved.OLD_PATH, moved.NEW_PATH)(apps, None)
    waiting.refresh_from_db()
    done.refresh_from_db()
    email.refresh_from_db()
    assert import_string(waiting.task_path) is build_export
    assert done.task_path == moved.OLD_PATH
    assert email.task_path == deliver_email.module_path
