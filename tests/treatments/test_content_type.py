"""Treatments left the forum for an app of their own; their content type went with them, so
the grants and the moderation log that hang on it are kept."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from accounts.models import MODERATORS_GROUP
from moderation.models import Action, ModerationAction
from tests.factories import PatientFactory
from tests.support.reference_data import migration
from treatments.models import Treatment

MOVE = "treatments.migrations.0002_treatment_content_type"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """These tests relabel content types in a transaction that is rolled back: forget them."""
    yield
    ContentType.objects.clear_cache()


def treatment_types() -> list[tuple[int, str]]:
    ContentType.objects.clear_cache()
    return list(ContentType.objects.filter(model="treatment").values_list("pk", "app_label"))


def test_the_content_type_is_the_treatments_app_s(db):
    assert treatment_types() == [(ContentType.objects.get_for_model(Treatment).pk, "treatments")]
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert {p.codename for p in group.permissions.filter(content_type__app_label="treatments")} == {
        "view_treatment",
        "change_treatment",
    }


def test_a_content_type_made_before_the_move_is_folded_into_the_moved_one(moderator):
    moved = ContentType.objects.get(app_label="treatments", model="treatment")
    # As before the migration, with a second content type that code of the new release made
    # on first use: a grant and a log line already hang on it.
    ContentType.objects.filter(pk=moved.pk).update(app_label="forum")
    early = ContentType.objects.create(app_label="treatments", model="treatment")
    view = Permission.objects.create(content_type=early, codename="view_treatment", name="View")
    extra = Permission.objects.create(content_type=early, codename="merge_treatment", name="Merge")
    member = PatientFactory()
    member.user_permissions.add(view, extra)
    treatment = Treatment.objects.create(name="Botox", slug="botox")
    line = ModerationAction.objects.create(
        actor=moderator,
        action=Action.EDIT,
        content_type=early,
        object_id=treatment.pk,
        item_label="Botox",
    )

    migration(MOVE).forwards(apps, SimpleNamespace(connection=connection))

    assert treatment_types() == [(moved.pk, "treatments")]
    line.refresh_from_db()
    assert line.content_type_id == moved.pk
    held = {(p.content_type_id, p.codename) for p in member.user_permissions.all()}
    assert held == {(moved.pk, "view_treatment"), (moved.pk, "merge_treatment")}
    assert (
        moderator.groups.get()
        .permissions.filter(content_type=moved, codename="change_treatment")
        .exists()
    )


def test_moving_back_gives_the_forum_its_content_type(db):
    moved = ContentType.objects.get(app_label="treatments", model="treatment")
    migration(MOVE).backwards(apps, SimpleNamespace(connection=connection))
    assert treatment_types() == [(moved.pk, "forum")]
