#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        if settings.configured:  # raised past the settings: the traceback says where
            raise
        # config/settings.py refused the environment (no SECRET_KEY without DEBUG=1, …): its
        # message says what to set, and a traceback through Django would only hide it.
        sys.exit(f"manage.py: {error}")


if __name__ == "__main__":
    main()
