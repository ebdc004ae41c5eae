"""Background work, queued in the database (django-tasks) and run by `manage.py db_worker`.

Arguments are plain JSON values (ids, text), never model instances: a task may run
after the request that queued it has finished, on another machine.
"""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to, subject, body):
    """One plain-text email. Callers queue it after their transaction commits (see notifications.email)."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
