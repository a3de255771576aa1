"""The suite's database: `make test` reuses it from run to run (--reuse-db), so what the data
migrations made, which browser tests flush away, is put back as the migrations made it."""

from django.contrib.auth.models import Group

from doctors.models import Specialty
from forum.models import UrgentRule
from tests.support import reference_data


def snapshot() -> dict:
    group = Group.objects.get(name="Moderators")
    permissions = group.permissions.values_list("content_type__app_label", "codename")
    rules = UrgentRule.objects.values_list("name", "treatment_names", "phrases", "advice")
    return {
        "permissions": sorted(permissions),
        "rules": sorted(rules),
        "specialties": sorted(Specialty.objects.values_list("slug", "name")),
    }


def test_putting_the_reference_data_back_changes_nothing_on_a_migrated_database(db):
    """Against the migrations themselves on a fresh database (CI runs with --create-db)."""
    migrated = snapshot()
    reference_data.put_back()
    assert snapshot() == migrated


def test_a_flushed_database_gets_the_reference_data_back(db):
    migrated = snapshot()
    assert migrated["permissions"] and migrated["rules"] and migrated["specialties"]
    for model in (Group, UrgentRule, Specialty):
        model.objects.all().delete()
    reference_data.put_back()
    assert snapshot() == migrated
