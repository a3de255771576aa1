"""pytest plugin (loaded with `-p config.testing`): the environment the test suite runs in.

It runs before pytest-django reads the settings, so the suite starts the same way from
`make test`, from `pytest` in the venv, and from CI. Variables already set win: CI sets
DATABASE_URL to run the same suite on PostgreSQL.
"""

import os

TEST_ENVIRONMENT = {
    "SECRET_KEY": "test-only-secret-key-not-for-any-real-site",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "HTTPS": "0",
    "STATIC_MANIFEST": "0",
    "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    # The page cache is on, so every test that reads a page after a write checks that the
    # write reached it (one process: the local-memory cache is shared).
    "PAGE_CACHE_SECONDS": "600",
    # Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
    # run inside one unless told that this is safe, which it is for tests.
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
}

for _name, _value in TEST_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)
os.environ.pop("DEBUG", None)
