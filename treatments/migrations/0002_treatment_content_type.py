"""Treatment's content type moves with the model (forum -> treatments), so what points at it
keeps working: the Moderators group's view and change permissions, the moderation log's lines
about treatments and the admin's history."""

from django.db import migrations

MODEL = "treatment"


def relabel(apps, schema_editor, old_label: str, new_label: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.db_manager(db)
    old = types.filter(app_label=old_label, model=MODEL).first()
    if old is None:
        return  # no permission was ever made for it: post_migrate makes the new one
    new = types.filter(app_label=new_label, model=MODEL).first()
    if new is not None:
        merge(apps, db, keep=old, duplicate=new)
    old.app_label = new_label
    old.save(using=db, update_fields=["app_label"])
    types.clear_cache()


def merge(apps, db: str, *, keep, duplicate) -> None:
    """Fold a content type that code running before this migration made for the moved model
    (ContentType.objects.get_for_model makes one on first use) into the old one, which has the
    grants and the log: its permissions' holders and every row that points at it move over."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.using(db).filter(content_type=duplicate):
        kept = (
            Permission.objects.using(db)
            .filter(content_type=keep, codename=permission.codename)
            .first()
        )
        if kept is None:
            permission.content_type = keep
            permission.save(using=db, update_fields=["content_type"])
        else:
            kept.group_set.add(*permission.group_set.all())
            kept.user_set.add(*permission.user_set.all())
            permission.delete()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                rows = model._base_manager.using(db).filter(**{field.name: duplicate})
                rows.update(**{field.name: keep})
    duplicate.delete()


def forwards(apps, schema_editor) -> None:
    relabel(apps, schema_editor, "forum", "treatments")


def backwards(apps, schema_editor) -> None:
    relabel(apps, schema_editor, "treatments", "forum")


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The data migrations that grant treatment permissions by the forum's label run first.
        ("forum", "0002_moderators_edit_treatments"),
        ("moderation", "0002_moderators_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
