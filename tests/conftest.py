import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    DoctorFactory,
    DoctorProfileFactory,
    ModeratorFactory,
    PatientFactory,
)
from tests.support.reference_data import put_back as reference_data_put_back

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if item.get_closest_marker("e2e"):
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


@pytest.fixture
def reauthenticated_as(client_as):
    """reauthenticated_as(user) is a client logged in as that user who has just given their
    password again, as the account's sensitive pages ask (allauth's reauthentication)."""

    def make(user) -> Client:
        client = client_as(user)
        response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return make


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """With --reuse-db (`make test`) the run starts on the database the last one left, whose
    browser tests flushed what the data migrations made: put it back before any test."""
    with django_db_blocker.unblock():
        reference_data_put_back()


@pytest.fixture
def reference_data(transactional_db):
    """Browser tests run in real transactions, and the database is flushed after each one,
    which also empties what the data migrations made: the Moderators group and its
    permissions, and the specialties. Put them back before each test.

    (Django's serialized rollback would do it, but its saved copy lives on a connection
    object that Playwright's greenlets do not always see.)
    """
    reference_data_put_back()
