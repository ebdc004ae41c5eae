"""Reminders 7 days and 1 day before work is due, to the members of a cohort who have not submitted it.

Run by a scheduled task (reflections.tasks.send_reminders, every few minutes), never from a request. Each
reminder goes once per person (its notification key), to the member's own due date (an extension moves
it), and never for a moment already past when the work was assigned: work set 3 days before its due date
gets only the 1-day reminder. Members who get the same reminder (one assignment, one due date) are told
together (notifications.notify_all), so a run costs a fixed number of queries however large the cohorts.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import formats, timezone

from .models import Assignment, Extension, Notification, NotificationKind, Reflection
from .notifications import notify_all

# Days before the due date, nearest first: when a worker was down, only the nearest reminder still applies.
REMINDER_DAYS = (1, 7)
HORIZON = timedelta(days=max(REMINDER_DAYS))


def reminder_due(*, due_at, assigned_at, now):
    """Which reminder (days before `due_at`) is due at `now`, or None."""
    if now >= due_at:
        return None
    for days in REMINDER_DAYS:
        moment = due_at - timedelta(days=days)
        if moment <= now:
            return days if moment >= assigned_at else None
    return None


def reminder_key(days, assignment):
    return f"reminder-{days}:{assignment.pk}"


def due_reminders(now):
    """(member, assignment, days, due_at) for every reminder due at `now` and not sent yet, in five queries."""
    soon = Q(due_at__gt=now, due_at__lte=now + HORIZON)
    extended_soon = Extension.objects.filter(due_at__gt=now, due_at__lte=now + HORIZON).values("assignment")
    assignments = list(
        Assignment.objects.filter(soon | Q(pk__in=extended_soon))
        .select_related("exercise", "cohort")
        .prefetch_related(
            Prefetch("cohort__members", queryset=get_user_model().objects.filter(is_active=True)),
            "extensions",
        )
    )
    submitted = set(
        Reflection.objects.filter(assignment__in=assignments, status=Reflection.Status.SUBMITTED).values_list(
            "assignment_id", "author_id"
        )
    )
    due = []
    for assignment in assignments:
        extended = {extension.member_id: extension.due_at for extension in assignment.extensions.all()}
        for member in assignment.cohort.members.all():
            if (assignment.pk, member.pk) in submitted:
                continue
            due_at = extended.get(member.pk, assignment.due_at)
            days = reminder_due(due_at=due_at, assigned_at=assignment.created, now=now)
            if days is not None:
                due.append((member, assignment, days, due_at))
    sent = set(
        Notification.objects.filter(
            key__in={reminder_key(days, assignment) for _, assignment, days, _ in due}
        ).values_list("recipient_id", "key")
    )
    return [entry for entry in due if (entry[0].pk, reminder_key(entry[2], entry[1])) not in sent]


def send_due_reminders(now=None):
    """Send every reminder now due; return how many were sent.

    One notify_all per assignment, reminder and due date: those with an extension have a due date (and so a
    message) of their own. The queries are a fixed number per group, none per member.
    """
    now = now or timezone.now()
    groups = defaultdict(list)
    for member, assignment, days, due_at in due_reminders(now):
        groups[(assignment, days, due_at)].append(member.pk)
    if not groups:
        return 0
    count = 0
    with transaction.atomic():
        # Locked, so that a run overlapping this one (the cron command beside the worker, a retried task) waits,
        # then finds these members told and emails no one again (as cohorts.notify_assigned does).
        list(
            Assignment.objects.select_for_update()
            .filter(pk__in={assignment.pk for assignment, _, _ in groups})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for (assignment, days, due_at), member_pks in groups.items():
            when = formats.date_format(timezone.localtime(due_at), "l j F Y, H:i")
            span = "within a day" if days == 1 else f"in {days} days"
            told = notify_all(
                recipients=get_user_model().objects.filter(pk__in=member_pks),
                kind=NotificationKind.REMINDER,
                message=f"Reminder: “{assignment.exercise.title}” is due {span}, on {when} (UK time).",
                link=assignment.start_url(),
                key=reminder_key(days, assignment),
                subject=f"Reminder: “{assignment.exercise.title}” is due {span}",
            )
            count += len(told)
    return count
