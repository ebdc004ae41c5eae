"""What must be configured before the site serves a request.

Management commands that sign nothing (migrate, makemigrations, check,
collectstatic) run without DJANGO_SECRET_KEY, as Django allows; serving,
which signs sessions and password-reset links, refuses to start without it.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Set it to a long random string, or set DJANGO_DEBUG=1 for local development."
)


def require_secret_key():
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:  # Django refuses an empty key when it is read
        secret_key = ""
    if not secret_key:
        raise ImproperlyConfigured(MISSING_SECRET_KEY)
