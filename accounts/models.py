from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """The site's user. Plain for now; a custom model from the start keeps it ours to extend."""

    @property
    def display_name(self):
        """How the site names someone to others: their full name, else their username."""
        return self.get_full_name() or self.get_username()


class SessionQuerySet(models.QuerySet):
    def live(self):
        return self.filter(expire_date__gt=timezone.now())

    def elsewhere(self, user, *, current_key):
        """The person's sessions other than the one in use: other browsers or devices signed in as them."""
        return self.filter(user=user).exclude(session_key=current_key)


class Session(AbstractBaseSession):
    """Django's database session, with a column naming who is signed in: a request reads their session and
    loads them in one query (recovery_portal.signed_in), and deleting an account ends its sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions"
    )

    objects = BaseSessionManager.from_queryset(SessionQuerySet)()

    @classmethod
    def get_session_store_class(cls):
        return import_module(settings.SESSION_ENGINE).SessionStore
