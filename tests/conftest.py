import importlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils.text import slugify

from doctors.models import Specialty
from tests.factories import (
    DoctorFactory,
    DoctorProfileFactory,
    ModeratorFactory,
    PatientFactory,
)

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, photos in a throwaway folder, and a fresh cache for allauth's rate limits."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def alice(db):
    """A patient with a verified email."""
    return PatientFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(db):
    """A verified doctor."""
    user = DoctorFactory(email="bob@example.com", display_name="Bob Stone")
    DoctorProfileFactory(user=user, name="Bob Stone", credentials=["MD", "FACS"])
    return user


@pytest.fixture
def carol(db):
    """A doctor whose application is waiting for a moderator."""
    user = DoctorFactory(email="carol@example.com", display_name="Carol Hart")
    DoctorProfileFactory(user=user, name="Carol Hart", status="pending", verified_at=None)
    return user


@pytest.fixture
def mallory(db):
    """An outsider patient, for checks that one member cannot touch another's things."""
    return PatientFactory(email="mallory@example.com", display_name="Mallory")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(email="mod@example.com", display_name="Morgan Reed")


@pytest.fixture
def client_as(db):
    """client_as(user) is a test client logged in as that user."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


def migration(name: str):
    return importlib.import_module(name)


@pytest.fixture
def reference_data(transactional_db):
    """Browser tests run in real transactions, and the database is flushed after each one,
    which also empties what the data migrations made: the Moderators group and its
    permissions, and the specialties. Put them back before each test.

    (Django's serialized rollback would do it, but its saved copy lives on a connection
    object that Playwright's greenlets do not always see.)
    """
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    doctors = migration("doctors.migrations.0002_specialties_and_moderators")
    moderators = migration("moderation.migrations.0002_moderators_permissions")
    group, _ = Group.objects.get_or_create(name=moderators.MODERATORS_GROUP)
    # Treatments were the forum's when that migration ran; treatments/migrations/0002 moved them.
    moved = {"view_treatment": "treatments", "change_treatment": "treatments"}
    group.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label=moved.get(codename, app_label), codename=codename
            )
            for app_label, codename in moderators.PERMISSIONS
        ]
    )
    triage = migration("forum.migrations.0009_triage_rules")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="forum", codename__in=triage.PERMISSIONS)
    )
    from forum.models import UrgentRule

    if not UrgentRule.objects.exists():
        import json

        for rule in json.loads(triage.RULES.read_text()):
            UrgentRule.objects.create(
                name=rule["name"],
                treatment_names=", ".join(rule["treatments"]),
                phrases="\n".join(rule["phrases"]),
                advice=rule["advice"],
            )
    for name in doctors.SPECIALTIES:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})
