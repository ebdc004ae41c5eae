"""Telling people what happened: a line on their notifications page and, unless they turned that kind off, an email.

Messages say what happened and link to the page; they never carry reflection text or feedback.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import EmailOptOut, Notification
from .tasks import send_email


def absolute(link):
    """A site path as a full address, for emails (a task has no request to build it from)."""
    return f"{settings.SITE_URL}{link}"


def email(*, to, subject, body):
    """Queue a plain email once the current transaction commits (nothing is sent for work rolled back)."""
    transaction.on_commit(lambda: send_email.enqueue(to=to, subject=subject, body=body))


def notify(*, recipient, kind, message, link, key="", subject=None, by_email=True):
    """Notify `recipient` once per `key` (when given); return the notification, or None if it was sent before.

    `message` is one sentence for the notifications page and the email; the email adds the link.
    `by_email=False` for kinds emailed later in a digest (reflections.digest).
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind, message=message, link=link, key=key
            )
    except IntegrityError:  # this key was notified before (a retried task, two workers)
        return None
    if by_email and wants_email(recipient, kind):
        email(to=recipient.email, subject=subject or message, body=email_body(message, absolute(link)))
    return notification


def wants_email(user, kind):
    return bool(user.email) and not EmailOptOut.objects.filter(user=user, kind=kind).exists()


def email_body(*lines):
    """A plain email: its paragraphs, then the footer saying how to choose which emails come."""
    return "\n\n".join([*lines, _footer()])


def _footer():
    return "You get this email from Recovery Portal. To choose which emails you get, go to " + absolute(
        reverse("notifications:email_settings")
    )
