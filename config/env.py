"""Small readers for settings that come from environment variables."""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    if name not in os.environ:
        return default
    value = env(name).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a boolean: use 1/0, true/false."
    )


def env_int(name: str, default: int) -> int:
    if not env(name):
        return default
    try:
        return int(env(name))
    except ValueError:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated variable as a list, blanks dropped."""
    if name not in os.environ:
        return list(default or [])
    return [item.strip() for item in os.environ[name].split(",") if item.strip()]


def database_from_url(url: str, *, conn_max_age: int = 600) -> dict:
    """The DATABASES entry for an sqlite:/// or postgres:// URL.

    PostgreSQL connections are persistent (CONN_MAX_AGE) and health-checked, so a
    worker reuses one connection across requests and drops it if the server went away.
    SQLite runs in WAL mode with IMMEDIATE transactions, so `runserver` and `db_worker`
    can write at the same time without "database is locked" errors.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative.db and sqlite:////absolute/path.db, as in dj-database-url.
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else unquote(parts.path)
        name = str(Path(path)) if path and path != ":memory:" else ":memory:"
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL names no database: postgres://user@host/NAME")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
            # The server's default random_page_cost (4) assumes spinning disks, and makes the
            # planner scan the whole question table for common search words instead of using
            # the GIN index (66 ms against 22 ms at 100,000 questions). 1.1 suits SSDs and
            # cached data; the URL can set another: ?options=-c%20random_page_cost%3D2
            "OPTIONS": {
                key: value
                for key, value in {
                    "options": "-c random_page_cost=1.1",
                    **dict(parse_qsl(parts.query, keep_blank_values=True)),
                }.items()
                if value
            },
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:/// or postgres://."
    )
