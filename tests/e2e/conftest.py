"""Playwright drives Debian's Chromium (`playwright install` cannot download here)."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Every browser test runs in real transactions: put back what the migrations made."""
