"""Feedback and reopening at the same moment (two tabs, two co-trainers): PostgreSQL, real connections."""

import threading

import pytest
from django.db import connection, connections, transaction

from reflections.feedback import FeedbackReleased, ReflectionNotSubmitted, feedback_save, reflection_reopen
from reflections.models import Feedback, Notification, Reflection
from tests.factories import make_user
from tests.trainer.feedback_data import make_submission

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("role_groups"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks between connections: PostgreSQL"),
]


def run_overlapping(first, second):
    """Run `first` in a transaction held open until `second` has started and is waiting on it."""
    first_done_uncommitted, second_started = threading.Event(), threading.Event()
    outcomes = {}

    def one():
        try:
            with transaction.atomic():
                outcomes["first"] = first()
                first_done_uncommitted.set()
                second_started.wait(timeout=10)
                threading.Event().wait(0.5)  # the second is now waiting on the reflection's row
        finally:
            connections.close_all()

    def two():
        try:
            first_done_uncommitted.wait(timeout=10)
            second_started.set()
            outcomes["second"] = second()
        except (ReflectionNotSubmitted, FeedbackReleased) as refused:
            outcomes["second"] = type(refused).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_feedback_released_while_a_co_trainer_reopens_is_refused(trainer, practitioner):
    reflection = make_submission(trainer=trainer, author=practitioner)
    co_trainer = make_user("ted", role="Trainers")
    reflection.assignment.cohort.trainers.add(co_trainer)

    outcomes = run_overlapping(
        lambda: reflection_reopen(reflection=reflection, by=co_trainer, note="Revise.") and "reopened",
        lambda: feedback_save(reflection=reflection, by=trainer, body="Late words.", release=True) and "released",
    )

    assert outcomes == {"first": "reopened", "second": "ReflectionNotSubmitted"}
    assert Reflection.objects.get().status == Reflection.Status.DRAFT
    assert not Feedback.objects.exists()
    assert Notification.objects.filter(recipient=reflection.author).count() == 1  # "reopened", once


def test_one_draft_released_from_two_tabs_at_once_is_released_and_notified_once(trainer, practitioner):
    reflection = make_submission(trainer=trainer, author=practitioner)
    draft = feedback_save(reflection=reflection, by=trainer, body="Draft.", release=False)

    outcomes = run_overlapping(
        lambda: (
            feedback_save(reflection=reflection, by=trainer, body="Tab A.", release=True, feedback=draft)
            and "released"
        ),
        lambda: (
            feedback_save(reflection=reflection, by=trainer, body="Tab B.", release=True, feedback=draft)
            and "released"
        ),
    )

    assert outcomes == {"first": "released", "second": "FeedbackReleased"}
    assert list(Feedback.objects.values_list("body", flat=True)) == ["Tab A."]
    assert Notification.objects.filter(recipient=practitioner).count() == 1  # "feedback released", once
