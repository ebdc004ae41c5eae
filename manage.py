#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Read the settings first: Django would otherwise hide a configuration
        # error and fail later with a less helpful one.
        settings.INSTALLED_APPS  # noqa: B018
        if sys.argv[1:2] == ["runserver"]:
            from recovery_portal.startup import require_secret_key

            require_secret_key()
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A configuration mistake deserves one clear line, not a traceback.
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()
