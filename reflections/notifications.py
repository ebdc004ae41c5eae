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


def notify_all(*, recipients, kind, message, link, key, subject=None):
    """notify() for everyone in `recipients` (a queryset of users), in a fixed number of queries however many they
    are; returns those newly notified (anyone told of `key` before is left out, and not emailed again).

    Two runs for one key at the same moment could each email the same people: a caller that may overlap with
    itself (a retried task) holds a lock on what the key is about, as cohorts.notify_assigned does.
    """
    told = Notification.objects.filter(key=key).values("recipient_id")
    newly = list(recipients.exclude(pk__in=told).order_by("pk"))
    # ignore_conflicts: should anyone be told of `key` meanwhile, the unique (recipient, key) keeps it to once.
    Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, message=message, link=link, key=key) for user in newly],
        ignore_conflicts=True,
    )
    opted_out = set(EmailOptOut.objects.filter(kind=kind, user__in=recipients).values_list("user_id", flat=True))
    for user in newly:
        if wants_email(user, kind, opted_out=opted_out):
            email(to=user.email, subject=subject or message, body=email_body(message, absolute(link)))
    return newly


def wants_email(user, kind, *, opted_out=None):
    """Whether `user` gets `kind` by email: they have an address and did not turn it off. `opted_out`, the ids of
    those who did, when it is loaded once for many."""
    if not user.email:
        return False
    if opted_out is None:
        return not EmailOptOut.objects.filter(user=user, kind=kind).exists()
    return user.pk not in opted_out


def email_body(*lines):
    """A plain email: its paragraphs, then the footer saying how to choose which emails come."""
    return "\n\n".join([*lines, _footer()])


def _footer():
    return "You get this email from Recovery Portal. To choose which emails you get, go to " + absolute(
        reverse("notifications:email_settings")
    )
