"""Two app servers behind an imaginary load balancer share nothing but PostgreSQL (or the test's
SQLite file), Redis and an S3-compatible bucket (moto's server on 127.0.0.1 stands in for S3):
a login on one is valid on the other, a photo uploaded through one is served by the other, and
a question posted through one reaches the other's cached pages for visitors."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, expect

from tests.factories import PASSWORD
from tests.forum import images

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
BUCKET = "docanswers-photos"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def database_url() -> str:
    """The test database, as the servers' DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server")
    import boto3

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=free_port())
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - moto's
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint, client
    server.stop()


@pytest.fixture
def two_servers(s3_endpoint, tmp_path):
    endpoint, _client = s3_endpoint
    if not answers(REDIS):
        pytest.skip("needs Redis on 127.0.0.1:6379 (CI has it)")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "no-media-here"),
        "CONN_MAX_AGE": "0",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    code = "from django.core.cache import cache; cache.clear()"
    subprocess.run([*manage, "shell", "-c", code], env=env, check=True)
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{port}"),
                    "--no-control-socket",  # two servers on one machine would share its path
                ],
                env=env,
                cwd=ROOT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_for(url + "/healthz")
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_two_app_servers_share_logins_photos_and_the_page_cache(
    page: Page, browser: Browser, two_servers, s3_endpoint, alice, tmp_path, settings
):
    first, second = two_servers
    # The servers know only production's password hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    alice.set_password(PASSWORD)
    alice.save(update_fields=["password"])
    visitor = browser.new_page()
    visitor.goto(second + "/questions/")
    visitor.goto(second + "/questions/")  # now from the shared cache
    expect(visitor.get_by_text("Masseter Botox two servers")).to_have_count(0)

    page.goto(first + "/account/login/")
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile("/account/login/"))
    page.goto(second + "/account/profile/")  # the other server: the same session
    expect(page.get_by_role("heading", level=1)).to_have_text("Profile")

    photo = tmp_path / "jaw.jpg"
    photo.write_bytes(images.image_bytes("JPEG", size=(1200, 900), colour=(200, 120, 90)))
    page.goto(first + "/questions/ask/")
    page.get_by_label("Title").fill("Masseter Botox two servers: is the ache normal?")
    page.get_by_label("Details").fill("My jaw aches two weeks after masseter Botox. Is it normal?")
    page.get_by_label("Treatments").fill("Botox")
    page.locator("input[type=file]").set_input_files(str(photo))
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Masseter Botox two servers")
    question_path = page.url.removeprefix(first)

    page.goto(second + question_path)
    image = page.locator("a.photo img").first
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    stored = s3_endpoint[1].list_objects_v2(Bucket=BUCKET).get("Contents", [])
    assert sorted(item["Key"].rsplit("/", 1)[-1] for item in stored) == [
        "320.webp",
        "960.webp",
        "full.jpg",
    ]
    assert not (tmp_path / "no-media-here").exists()

    visitor.goto(second + "/questions/")
    expect(visitor.get_by_text("Masseter Botox two servers: is the ache normal?")).to_be_visible()
