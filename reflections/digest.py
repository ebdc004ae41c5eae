"""Trainers hear of submissions once a day per cohort, not once per submission.

When a reflection for an assignment is submitted, each trainer of its cohort gets one notification on the
site per cohort per day ("New submissions in <cohort>", key `submissions:<cohort>:<day>`), with no email.
Every morning a scheduled task (reflections.tasks.send_submission_digests) emails each trainer, per
cohort, how many reflections were submitted since the last digest, with a link to the cohort's grid.
Each notification is taken by one digest only (`Notification.emailed_at`), so no day is emailed twice.
"""

from datetime import datetime, time

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone

from .models import Assignment, Cohort, EmailOptOut, Notification, NotificationKind, Reflection
from .notifications import absolute, email, email_body, notify

KIND = NotificationKind.SUBMISSIONS


def cohort_link(cohort_id):
    """The cohort's progress grid (the cohorts pages' `trainer:cohort_detail`)."""
    try:
        return reverse("trainer:cohort_detail", args=[cohort_id])
    except NoReverseMatch:  # the grid's URL belongs to the cohort pages; its path is fixed by the issue
        return f"/trainer/cohorts/{cohort_id}/"


def digest_key(cohort_id, day):
    return f"submissions:{cohort_id}:{day.isoformat()}"


def _parse_key(key):
    _, cohort_id, day = key.split(":")
    return int(cohort_id), datetime.strptime(day, "%Y-%m-%d").date()


def submission_arrived(reflection):
    """Tell the trainers of the reflection's cohort, once its submission is committed (nothing for a free entry)."""
    if reflection.assignment_id is not None:
        assignment_id = reflection.assignment_id
        transaction.on_commit(lambda: notify_trainers(assignment_id))


def notify_trainers(assignment_id):
    assignment = Assignment.objects.select_related("cohort").filter(pk=assignment_id).first()
    if assignment is None:
        return
    cohort = assignment.cohort
    key = digest_key(cohort.pk, timezone.localdate())
    told = set(Notification.objects.filter(key=key).values_list("recipient_id", flat=True))
    for trainer in cohort.trainers.filter(is_active=True).exclude(pk__in=told):
        notify(
            recipient=trainer,
            kind=KIND,
            message=f"New submissions in {cohort.name}",
            link=cohort_link(cohort.pk),
            key=key,
            by_email=False,
        )


def send_submission_digests(now=None):
    """Email each trainer, per cohort, the submissions of the days before today not yet emailed; return how many
    emails were queued. A fixed number of queries, then one UPDATE per notification taken."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    pending = [
        notification
        for notification in Notification.objects.filter(kind=KIND, emailed_at__isnull=True)
        .exclude(key="")
        .select_related("recipient")
        .order_by("created", "id")
        if _parse_key(notification.key)[1] < today
    ]
    if not pending:
        return 0
    days = {_parse_key(notification.key) for notification in pending}
    cohort_ids = {cohort_id for cohort_id, _ in days}
    first_day = min(day for _, day in days)
    start = timezone.make_aware(datetime.combine(first_day, time.min))
    end = timezone.make_aware(datetime.combine(today, time.min))
    counts = {
        (row["assignment__cohort"], row["day"]): row["count"]
        for row in Reflection.objects.filter(
            status=Reflection.Status.SUBMITTED,
            assignment__cohort__in=cohort_ids,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("assignment__cohort", "day")
        .annotate(count=Count("pk"))
    }
    names = dict(Cohort.objects.filter(pk__in=cohort_ids).values_list("pk", "name"))
    opted_out = set(
        EmailOptOut.objects.filter(kind=KIND, user__in={n.recipient_id for n in pending}).values_list(
            "user_id", flat=True
        )
    )
    # One email per trainer per cohort, however many days it covers (after a worker was down, say).
    digests = {}
    for notification in pending:
        cohort_id, day = _parse_key(notification.key)
        digests.setdefault((notification.recipient, cohort_id), []).append((notification, day))
    emails = 0
    for (trainer, cohort_id), entries in digests.items():
        taken = [
            day
            for notification, day in entries
            if Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=now)
        ]
        total = sum(counts.get((cohort_id, day), 0) for day in taken)
        if not total or cohort_id not in names or not trainer.email or trainer.pk in opted_out:
            continue
        email(
            to=trainer.email,
            subject=f"New submissions in {names[cohort_id]}",
            body=email_body(
                f"{_submissions(total)} submitted in {names[cohort_id]} {_when(taken)}.",
                f"See who has submitted, and read them: {absolute(cohort_link(cohort_id))}",
            ),
        )
        emails += 1
    return emails


def _submissions(total):
    return "1 reflection was" if total == 1 else f"{total} reflections were"


def _when(days):
    first, last = min(days), max(days)
    if first == last:
        return "on " + formats.date_format(first, "l j F Y")
    return f"from {formats.date_format(first, 'j F')} to {formats.date_format(last, 'j F Y')}"
