"""The feedback services: what they write, what they refuse (writing nothing), and whom they notify."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reflections.feedback import (
    FeedbackReleased,
    ReflectionChanged,
    ReflectionNotSubmitted,
    feedback_save,
    reflection_reopen,
    waiting_for_feedback,
)
from reflections.models import Feedback, Notification, NotificationKind, Reflection
from reflections.services import reflection_submit
from tests.factories import make_user
from tests.trainer.feedback_data import make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(trainer, practitioner):
    return make_submission(trainer=trainer, author=practitioner, title="My visit")


def test_saving_a_draft_twice_edits_one_draft_and_notifies_nobody(submitted, trainer):
    first = feedback_save(reflection=submitted, by=trainer, body="One.", release=False)
    second = feedback_save(reflection=submitted, by=trainer, body="  Two.  ", release=False)
    assert first.pk == second.pk
    assert list(Feedback.objects.values_list("body", "released_at")) == [("Two.", None)]
    assert not Notification.objects.exists()


def test_releasing_notifies_the_author_once_without_the_text(submitted, trainer, practitioner):
    feedback = feedback_save(reflection=submitted, by=trainer, body="Secret advice.", release=True)
    assert feedback.released_at is not None
    notification = Notification.objects.get()
    assert notification.recipient == practitioner and notification.kind == NotificationKind.FEEDBACK
    assert notification.key == f"feedback:{feedback.pk}"
    assert "Secret advice" not in notification.message


def test_a_released_draft_in_hand_cannot_be_released_again(submitted, trainer):
    draft = feedback_save(reflection=submitted, by=trainer, body="Draft.", release=False)
    in_another_tab = Feedback.objects.get(pk=draft.pk)
    feedback_save(reflection=submitted, by=trainer, body="Released.", release=True, feedback=draft)

    with pytest.raises(FeedbackReleased) as refused:
        feedback_save(reflection=submitted, by=trainer, body="Changed?", release=True, feedback=in_another_tab)

    assert refused.value.feedback.released_at is not None
    assert Feedback.objects.get().body == "Released."
    assert Notification.objects.count() == 1


def test_only_a_trainer_of_the_cohort_may_give_feedback(submitted, practitioner):
    other_trainer = make_user("olga", role="Trainers")
    for person in (other_trainer, practitioner):
        with pytest.raises(PermissionDenied):
            feedback_save(reflection=submitted, by=person, body="Hello.", release=True)
    assert not Feedback.objects.exists() and not Notification.objects.exists()


def test_a_co_trainer_cannot_edit_anothers_draft(submitted, trainer):
    co_trainer = make_user("ted", role="Trainers")
    submitted.assignment.cohort.trainers.add(co_trainer)
    draft = feedback_save(reflection=submitted, by=trainer, body="Mine.", release=False)
    with pytest.raises(PermissionDenied):
        feedback_save(reflection=submitted, by=co_trainer, body="Theirs.", release=False, feedback=draft)
    assert Feedback.objects.get().body == "Mine."


def test_feedback_on_a_draft_is_refused(trainer, practitioner):
    draft = make_submission(trainer=trainer, author=practitioner, submit=False)
    with pytest.raises(ReflectionNotSubmitted):
        feedback_save(reflection=draft, by=trainer, body="Too early.", release=False)
    assert not Feedback.objects.exists()


def test_empty_feedback_is_refused(submitted, trainer):
    with pytest.raises(ValidationError):
        feedback_save(reflection=submitted, by=trainer, body=" \n ", release=False)


def test_reopening_makes_a_draft_one_version_on_and_notifies_once(submitted, trainer, practitioner):
    reopened = reflection_reopen(reflection=submitted, by=trainer, note="  Revise the plan.  ")
    assert reopened.status == Reflection.Status.DRAFT and reopened.version == 3
    assert reopened.reopen_note == "Revise the plan." and reopened.submitted_at is not None
    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.REOPENED and notification.recipient == practitioner
    assert notification.message == "tess sent your reflection “My visit” back for revision"
    assert "Revise" not in notification.message


def test_a_stale_reopen_or_feedback_changes_nothing(submitted, trainer, practitioner):
    old_version = submitted.version
    reflection_reopen(reflection=submitted, by=trainer, note="Revise.")
    with pytest.raises(ReflectionNotSubmitted):
        reflection_reopen(reflection=submitted, by=trainer, note="Again.", version=old_version)
    reflection_submit(reflection=submitted, by=practitioner, version=submitted.version)
    for stale in (
        lambda: reflection_reopen(reflection=submitted, by=trainer, note="Again.", version=old_version),
        lambda: feedback_save(reflection=submitted, by=trainer, body="Old.", release=True, version=old_version),
    ):
        with pytest.raises(ReflectionChanged):
            stale()
    submitted.refresh_from_db()
    assert submitted.status == Reflection.Status.SUBMITTED and submitted.reopen_note == "Revise."
    assert not Feedback.objects.exists() and Notification.objects.count() == 1


def test_reopening_needs_a_note(submitted, trainer):
    with pytest.raises(ValidationError):
        reflection_reopen(reflection=submitted, by=trainer, note="  ")
    submitted.refresh_from_db()
    assert submitted.status == Reflection.Status.SUBMITTED


def test_waiting_for_feedback_skips_answered_drafts_and_other_cohorts(submitted, trainer, practitioner):
    answered = make_submission(trainer=trainer, author=practitioner)
    feedback_save(reflection=answered, by=trainer, body="Done.", release=True)
    make_submission(trainer=trainer, author=practitioner, submit=False)
    make_submission(trainer=make_user("olga", role="Trainers"), author=practitioner)
    assert list(waiting_for_feedback(trainer)) == [submitted]
