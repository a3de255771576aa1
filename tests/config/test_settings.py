"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "SECRET_KEY": "k" * 30 + "production-looking-secret-4f9a1c2e7b",
    "ALLOWED_HOSTS": "docanswers.example",
    "DATABASE_URL": "postgres://docanswers:s3cret@db.internal:5432/docanswers",
    "EMAIL_HOST": "smtp.example.com",
    "EMAIL_HOST_USER": "mailer",
    "EMAIL_HOST_PASSWORD": "mail-pass",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "HSTS_PRELOAD": "1",
}

SHOW = """
import json, django
from django.conf import settings
django.setup()
from django.db import connection
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DATABASE": {k: settings.DATABASES["default"][k] for k in ("ENGINE", "NAME", "USER", "HOST",
                 "PORT", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
    "DRIVER": connection.Database.__name__,
    "MAILER": settings.MAILERS["default"],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "TASKS_BACKEND": settings.TASKS["default"]["BACKEND"],
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
    "CACHE": settings.CACHES["default"],
    "TRUSTED_PROXIES": getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0),
    "PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def run_django(code_or_args: str | list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh process whose environment holds only `env` (plus PATH)."""
    clean_env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_under(**env: str) -> dict:
    result = run_django(SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_defaults_need_nothing_but_debug():
    shown = settings_under(DEBUG="1")
    assert shown["DEBUG"] is True
    assert shown["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert shown["DATABASE"]["NAME"] == str(ROOT / "db.sqlite3")
    assert shown["MAILER"] == {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["TASKS_BACKEND"] == "django.tasks.backends.immediate.ImmediateBackend"
    assert "127.0.0.1" in shown["ALLOWED_HOSTS"]
    assert shown["CACHE"] == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_production_settings_come_from_the_environment():
    shown = settings_under(**PRODUCTION, MEDIA_ROOT="/srv/media")
    assert shown["DEBUG"] is False
    assert shown["ALLOWED_HOSTS"] == ["docanswers.example"]
    assert shown["DATABASE"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "docanswers",
        "USER": "docanswers",
        "HOST": "db.internal",
        "PORT": "5432",
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }
    assert shown["DRIVER"] == "psycopg"  # psycopg 3, not psycopg2
    assert shown["MAILER"] == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.com",
            "port": 587,
            "username": "mailer",
            "password": "mail-pass",
            "use_tls": True,
            "timeout": 10,
        },
    }
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 31_536_000
    assert shown["TASKS_BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert shown["MEDIA_ROOT"] == "/srv/media"
    assert shown["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert shown["CACHE"] == {
        "BACKEND": "web.cache.RedisCache",
        "LOCATION": "redis://cache.internal:6379/0",
    }
    assert shown["PROXY_SSL_HEADER"] is None
    assert shown["TRUSTED_PROXIES"] == 0


def test_behind_a_proxy_the_visitor_address_is_the_one_rate_limited():
    shown = settings_under(**PRODUCTION, BEHIND_PROXY="1")
    assert shown["PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["TRUSTED_PROXIES"] == 1


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(SHOW, ALLOWED_HOSTS="docanswers.example")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django(SHOW, SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_wants_a_shared_cache():
    without_redis = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **without_redis
    )
    assert result.returncode != 0
    assert "accounts.W001" in result.stderr + result.stdout


def test_check_deploy_flags_development_settings():
    """The check above can fail: with DEBUG on it reports the problems."""
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], DEBUG="1")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG on in deployment


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///db.sqlite3", {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}),
        (
            "sqlite:////var/lib/da.db",
            {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/da.db"},
        ),
        ("sqlite://", {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}),
        (
            "postgresql://u%40x:p%2Fw@127.0.0.1/da?sslmode=require",
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "da",
                "USER": "u@x",
                "PASSWORD": "p/w",
                "HOST": "127.0.0.1",
                "PORT": "",
                "OPTIONS": {"sslmode": "require", "options": "-c random_page_cost=1.1"},
            },
        ),
        (
            "postgres://u@h/da?options=-c%20random_page_cost%3D2",
            {"OPTIONS": {"options": "-c random_page_cost=2"}},
        ),
        ("postgres://u@h/da?options=", {"OPTIONS": {}}),
    ],
)
def test_database_from_url(url, expected):
    parsed = database_from_url(url)
    assert {key: parsed[key] for key in expected} == expected


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgres://u@h/", "redis://h"])
def test_database_from_url_rejects_what_it_cannot_serve(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("A_BOOL", "yes")
    monkeypatch.setenv("A_LIST", " a.example, ,b.example ")
    monkeypatch.setenv("AN_INT", "42")
    monkeypatch.setenv("NOT_BOOL", "maybe")
    monkeypatch.setenv("NOT_INT", "4x")
    assert env_bool("A_BOOL", False) is True
    assert env_bool("UNSET_BOOL", True) is True
    assert env_list("A_LIST") == ["a.example", "b.example"]
    assert env_list("UNSET_LIST", ["x"]) == ["x"]
    assert env_int("AN_INT", 1) == 42
    assert env_int("UNSET_INT", 7) == 7
    with pytest.raises(ImproperlyConfigured, match="NOT_BOOL"):
        env_bool("NOT_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="NOT_INT"):
        env_int("NOT_INT", 0)


def test_photos_in_a_bucket_cannot_also_be_handed_to_nginx():
    result = run_django(
        SHOW,
        DEBUG="1",
        S3_BUCKET="docanswers-photos",
        PHOTO_ACCEL_REDIRECT_PREFIX="/protected-media/",
    )
    assert result.returncode != 0
    assert "set one or the other" in result.stderr


def test_a_bucket_and_a_page_cache_of_its_own_come_from_the_environment():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.STORAGES['default'], settings.CACHES['pages']['LOCATION'], "
        "settings.PAGE_CACHE_SECONDS]))"
    )
    result = run_django(
        code,
        DEBUG="1",
        S3_BUCKET="docanswers-photos",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        REDIS_URL="redis://127.0.0.1:6379/0",
        PAGE_CACHE_REDIS_URL="redis://127.0.0.1:6380/0",
    )
    assert result.returncode == 0, result.stderr
    storage, pages, seconds = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "docanswers-photos"
    assert storage["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert (pages, seconds) == ("redis://127.0.0.1:6380/0", 600)
