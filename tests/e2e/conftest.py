"""Playwright drives Debian's Chromium (`playwright install` cannot download here)."""

import importlib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.text import slugify

from doctors.models import Specialty
from tests.conftest import CHROMIUM

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Keep the browser on this machine: every host name but the test server fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture
def screenshot(page):
    """screenshot(name) saves the full page at phone and desktop widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> None:
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    take.folder = SCREENSHOTS
    return take


@pytest.fixture
def axe_violations(page):
    """The WCAG 2.1 A/AA and best-practice problems axe-core finds on the current page."""
    axe = Axe()

    def check() -> list[str]:
        result = axe.run(page)
        return [
            f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
            for v in result.response["violations"]
        ]

    return check


def migration(name: str):
    return importlib.import_module(name)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run in real transactions, and the database is flushed after each one,
    which also empties what the data migrations made: the Moderators group and its
    permissions, and the specialties. Put them back before each test.

    (Django's serialized rollback would do it, but its saved copy lives on a connection
    object that Playwright's greenlets do not always see.)
    """
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    accounts = migration("accounts.migrations.0002_moderators_group")
    forum = migration("forum.migrations.0002_moderators_edit_treatments")
    doctors = migration("doctors.migrations.0002_specialties_and_moderators")
    group, _ = Group.objects.get_or_create(name=accounts.MODERATORS_GROUP)
    wanted = [*accounts.MODERATOR_PERMISSIONS, *doctors.PERMISSIONS]
    wanted += [("forum", codename) for codename in forum.PERMISSIONS]
    for app_label, codename in wanted:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    for name in doctors.SPECIALTIES:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})
