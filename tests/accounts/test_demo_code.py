"""`manage.py demo_code` as README and seed_demo write it prints the demo's two-factor code;
run another way, it says in one line what is missing, never with a traceback."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_TOTP_SECRET

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def run(command: str, **env: str) -> subprocess.CompletedProcess:
    """A shell command in the project, with nothing of the suite's environment (no DEBUG, no
    SECRET_KEY): as a new user's terminal has it. `.venv/bin/python` is this Python."""
    command = command.replace(".venv/bin/python", shlex.quote(sys.executable))
    return subprocess.run(
        [shutil.which("bash"), "-c", command],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def current_codes() -> set[str]:
    """The code of this 30-second window and the next (the command may run across the edge)."""
    import time

    counter = int(time.time()) // 30
    return {format_hotp_value(hotp_value(DEMO_TOTP_SECRET, n)) for n in (counter, counter + 1)}


def test_the_readme_command_prints_the_code():
    (command,) = set(re.findall(r"`([^`]*manage\.py demo_code)`", README))
    result = run(command)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in current_codes()


def test_seed_demo_prints_the_same_command_as_the_readme(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    (command,) = set(re.findall(r"`([^`]*manage\.py demo_code)`", README))
    assert f"`{command}`" in out.getvalue()


def test_without_debug_it_says_so_in_one_line():
    result = run(".venv/bin/python manage.py demo_code")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "SECRET_KEY is not set" in line and "DEBUG=1" in line
    assert result.stdout == ""


def test_on_a_configured_site_it_refuses_in_one_line():
    result = run(
        ".venv/bin/python manage.py demo_code",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="docanswers.example",
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "demo_code runs only with DEBUG=1" in line


def test_the_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_code")
