"""Two reminder runs at the same moment (the cron command beside the worker, a retried task) email no one twice:
PostgreSQL, real connections."""

from datetime import timedelta

import pytest
from django.db import connection

from reflections.models import Notification, NotificationKind
from reflections.reminders import send_due_reminders
from tests.factories import make_assignment, make_cohort, make_exercise, make_user
from tests.reflections.test_feedback_concurrency import run_overlapping

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def test_two_overlapping_runs_send_each_reminder_once(gibbs, mailoutbox):
    people = [make_user(name, role="Practitioners", email=f"{name}@example.org") for name in ("pat", "ria", "sam")]
    assignment = make_assignment(
        exercise=make_exercise(reflective_model=gibbs), cohort=make_cohort(members=people), due_in_days=10
    )
    moment = assignment.due_at - timedelta(days=6)

    outcomes = run_overlapping(lambda: send_due_reminders(moment), lambda: send_due_reminders(moment))

    assert outcomes == {"first": 3, "second": 0}
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 3
    assert sorted(mail.to[0] for mail in mailoutbox) == ["pat@example.org", "ria@example.org", "sam@example.org"]
