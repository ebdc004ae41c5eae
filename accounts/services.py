from django.db import transaction


def account_delete(*, user):
    """Delete an account and everything its owner wrote (their reflections go with it, by cascade)."""
    with transaction.atomic():
        user.delete()
