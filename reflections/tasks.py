"""Background work, queued in the database (django-tasks) and run by `manage.py db_worker`.

Arguments are plain JSON values (ids, text), never model instances: a task may run
after the request that queued it has finished, on another machine.

Two tasks keep themselves going: `send_reminders` (every REMINDER_INTERVAL) and
`send_submission_digests` (every morning at DIGEST_TIME, UK time). Each queues its own next run
before it works (so a failure does not end the chain) unless a run is queued already (so two chains
become one); `manage.py schedule_reminders` starts both when none is queued (run it at every deploy).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

REMINDER_INTERVAL = timedelta(minutes=15)
DIGEST_TIME = time(7, 0)


@task()
def send_email(*, to, subject, body):
    """One plain-text email. Callers queue it after their transaction commits (see notifications.email)."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@task()
def send_reminders():
    """Send the reminders due now (reflections.reminders), then come back in REMINDER_INTERVAL."""
    from .reminders import send_due_reminders

    queue_next(send_reminders, timezone.now() + REMINDER_INTERVAL)
    return send_due_reminders(timezone.now())


@task()
def send_submission_digests():
    """Email the trainers yesterday's submissions (reflections.digest), then come back tomorrow morning."""
    from .digest import send_submission_digests as send

    queue_next(send_submission_digests, next_digest_time(timezone.now()))
    return send(timezone.now())


def next_digest_time(now):
    """The next DIGEST_TIME (UK time) after `now`."""
    today = timezone.localdate(now)
    moment = timezone.make_aware(datetime.combine(today, DIGEST_TIME))
    if moment <= now:
        moment = timezone.make_aware(datetime.combine(today + timedelta(days=1), DIGEST_TIME))
    return moment


SCHEDULED = (send_reminders, send_submission_digests)


def is_queued(scheduled):
    """Whether a run of `scheduled` waits in the database queue."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=scheduled.module_path, status=TaskResultStatus.READY, backend_name=scheduled.backend
    ).exists()


def queue_next(scheduled, run_after):
    """Queue `scheduled` to run at `run_after`, on a backend that can wait (the database's), unless already queued."""
    backend = scheduled.get_backend()
    if not backend.supports_defer or not _uses_database(backend) or is_queued(scheduled):
        return None
    return scheduled.using(run_after=run_after).enqueue()


def schedule_all(now=None):
    """Start each scheduled chain that has no run queued (the first runs at once); return the tasks started."""
    now = now or timezone.now()
    started = []
    for scheduled in SCHEDULED:
        if _uses_database(scheduled.get_backend()) and not is_queued(scheduled):
            scheduled.using(run_after=now).enqueue()
            started.append(scheduled)
    return started


def _uses_database(backend):
    from django_tasks_db import DatabaseBackend

    return isinstance(backend, DatabaseBackend)
