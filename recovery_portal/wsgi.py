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
    print(f"Configuration error: {error}", file=sys.stderr)
    # Exit status 3 is gunicorn's "worker failed to boot": it stops rather than
    # starting the same failing worker again and again.
    sys.exit(3)
