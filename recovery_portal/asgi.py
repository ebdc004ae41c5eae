"""ASGI entry point, for an ASGI server if one is ever used; gunicorn uses wsgi.py."""

import os
import sys

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings")

try:
    application = get_asgi_application()
    from recovery_portal.startup import require_secret_key

    require_secret_key()
except ImproperlyConfigured as error:
    sys.exit(f"Configuration error: {error}")
