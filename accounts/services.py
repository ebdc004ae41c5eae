from django.db import transaction
from django.utils import timezone

from .models import Session


def account_delete(*, user):
    """Delete an account and everything its owner wrote (their reflections go with it, by cascade)."""
    with transaction.atomic():
        user.delete()


def other_sessions(*, user, current_key):
    """The person's live sessions other than the one in use: other browsers or devices still signed in."""
    return Session.objects.filter(user=user, expire_date__gt=timezone.now()).exclude(session_key=current_key)


def sign_out_elsewhere(*, user, current_key):
    """End every session of the person's but the one in use (a shared computer they forgot to log out of);
    return how many ended."""
    ended, _ = Session.objects.filter(user=user).exclude(session_key=current_key).delete()
    return ended
