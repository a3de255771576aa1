"""`make run PORT=…`: links in emails follow the port, and a port in use is reported at once,
before anything is installed or migrated."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="needs make")


def make(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {"PATH": os.environ["PATH"], **env}
    return subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def port_free(host: str, port: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/port_free.py", host, str(port)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def taken_port():
    """A port something listens on, as a forgotten `make run` would."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


@needs_make
def test_links_in_emails_follow_the_port():
    commands = make("-n", "run", "PORT=8017").stdout.splitlines()
    (serve,) = [line for line in commands if "runserver" in line]
    assert "SITE_URL='http://127.0.0.1:8017'" in serve
    # The demo is seeded with the same address (anything it sends links to the right port).
    (seed,) = [line for line in commands if "seed_demo" in line]
    assert "SITE_URL='http://127.0.0.1:8017'" in seed
    assert serve.endswith("runserver 127.0.0.1:8017")
    # The port is checked before the first migration.
    check = next(i for i, line in enumerate(commands) if "port_free.py 127.0.0.1 8017" in line)
    migrate = next(i for i, line in enumerate(commands) if "manage.py migrate" in line)
    assert check < migrate


@needs_make
def test_a_site_url_of_ones_own_wins():
    on_the_line = make("-n", "run", "PORT=8017", "SITE_URL=https://docanswers.example").stdout
    from_the_environment = make("-n", "run", SITE_URL="https://docanswers.example").stdout
    for commands in (on_the_line, from_the_environment):
        assert "SITE_URL='https://docanswers.example'" in commands


@needs_make
def test_make_serve_links_to_its_own_port_too():
    commands = make("-n", "serve", "PORT=8017").stdout
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8017}"' in commands
    assert "--bind 127.0.0.1:8017" in commands


@needs_make
def test_make_help_mentions_port_and_host():
    shown = make("help").stdout
    assert "PORT=" in shown and "HOST=" in shown


def test_the_port_check_names_a_port_in_use_and_one_that_is_free(taken_port):
    result = port_free("127.0.0.1", taken_port)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Port {taken_port} on 127.0.0.1 is in use; run make run PORT=")
    suggested = int(line.rsplit("PORT=", 1)[1])
    assert suggested != taken_port
    assert port_free("127.0.0.1", suggested).returncode == 0


def test_the_port_check_passes_a_free_port(taken_port):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert port_free("127.0.0.1", free).returncode == 0


@needs_make
def test_make_run_stops_at_once_on_a_port_in_use(taken_port):
    # PY=false: should anything run past the check, it fails at once instead of serving.
    result = make("run", f"PORT={taken_port}", "PY=false")
    assert result.returncode != 0
    assert f"Port {taken_port} on 127.0.0.1 is in use" in result.stderr
    assert "migrate" not in result.stdout + result.stderr
    assert "pip install" not in result.stdout + result.stderr
