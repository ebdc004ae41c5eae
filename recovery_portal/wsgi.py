"""WSGI entry point for gunicorn (`make serve`)."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")

try:
    application = get_wsgi_application()
    from recovery_portal.startup import require_secret_key

    require_secret_key()
except ImproperlyConfigured as error:
    sys.exit(f"Configuration error: {error}")
