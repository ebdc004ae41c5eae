"""Telling people what happened: a line on their notifications page and, unless they turned that kind off, an email.

Messages say what happened and link to the page; they never carry reflection text or feedback.
"""

from django.conf import settings
from django.db import IntegrityError, transaction

from .models import EmailOptOut, Notification
from .tasks import send_email


def absolute(link):
    """A site path as a full address, for emails (a task has no request to build it from)."""
    return f"{settings.SITE_URL}{link}"


def email(*, to, subject, body):
    """Queue a plain email once the current transaction commits (nothing is sent for work rolled back)."""
    transaction.on_commit(lambda: send_email.enqueue(to=to, subject=subject, body=body))


def notify(*, recipient, kind, message, link, key="", subject=None):
    """Notify `recipient` once per `key` (when given); return the notification, or None if it was sent before.

    `message` is one sentence for the notifications page and the email; the email adds the link.
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, message=message, link=link, key=key
            )
    except IntegrityError:  # this key was notified before (a retried task, two workers)
        return None
    if recipient.email and not EmailOptOut.objects.filter(user=recipient, kind=kind).exists():
        email(
            to=recipient.email,
            subject=subject or message,
            body=f"{message}\n\n{absolute(link)}\n\n{_footer()}",
        )
    return notification


def _footer():
    return "You get this email from Recovery Portal. To choose which emails you get, go to " + absolute(
        "/notifications/settings/"
    )
