"""Reminders 7 days and 1 day before work is due: once each, never for submitted work, to each member's own
due date, never for a moment already past when the work was set; run by a task, never from a request."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import formats, timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from reflections import tasks
from reflections.models import Assignment, EmailOptOut, Extension, Notification, NotificationKind
from reflections.reminders import send_due_reminders
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection, make_user

pytestmark = pytest.mark.django_db

SECRET = "Mrs Okafor said she felt unheard"


@pytest.fixture
def members(db):
    return [make_user(name, role="Practitioners", email=f"{name}@example.org") for name in ("pat", "ria")]


@pytest.fixture
def cohort(members):
    trainer = make_user("tina", role="Trainers", email="tina@example.org")
    return make_cohort(trainers=[trainer], members=members, name="Spring cohort")


@pytest.fixture
def exercise(gibbs):
    return make_exercise(reflective_model=gibbs, title="Hope in a home visit")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Send the reminders due at `now`, as the scheduled task does, emails included."""

    def run_at(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_due_reminders(now)

    return run_at


def reminders(user):
    return list(Notification.objects.filter(recipient=user, kind=NotificationKind.REMINDER).order_by("created"))


def test_reminders_come_7_days_and_1_day_before_the_due_date(run, cohort, exercise, members, mailoutbox):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    due = assignment.due_at
    pat = members[0]

    assert run(due - timedelta(days=7, minutes=1)) == 0
    assert run(due - timedelta(days=7) + timedelta(minutes=1)) == 2
    assert [n.key for n in reminders(pat)] == [f"reminder-7:{assignment.pk}"]
    assert "“Hope in a home visit” is due in 7 days" in reminders(pat)[0].message

    assert run(due - timedelta(days=1, minutes=1)) == 0
    assert run(due - timedelta(days=1) + timedelta(minutes=1)) == 2
    assert [n.key for n in reminders(pat)] == [f"reminder-7:{assignment.pk}", f"reminder-1:{assignment.pk}"]

    assert run(due + timedelta(minutes=1)) == 0
    assert len(mailoutbox) == 4
    assert sorted(mail.to[0] for mail in mailoutbox) == ["pat@example.org"] * 2 + ["ria@example.org"] * 2
    # One click from the email to the writing page for this assignment.
    assert f"/reflections/new/?assignment={assignment.pk}" in mailoutbox[0].body


def test_each_reminder_is_sent_once_across_runs(run, cohort, exercise, members, mailoutbox):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    moment = assignment.due_at - timedelta(days=6)

    assert run(moment) == 2
    assert run(moment + timedelta(minutes=15)) == 0
    assert run(moment + timedelta(hours=5)) == 0

    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 2
    assert len(mailoutbox) == 2


def test_no_reminder_for_submitted_work(run, cohort, exercise, members, gibbs, mailoutbox):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    pat, ria = members
    make_reflection(author=pat, reflective_model=gibbs, exercise=exercise, assignment=assignment, submit=True)
    make_reflection(author=ria, reflective_model=gibbs, exercise=exercise, assignment=assignment)  # a draft

    run(assignment.due_at - timedelta(days=6))
    run(assignment.due_at - timedelta(hours=23))

    assert reminders(pat) == []
    assert len(reminders(ria)) == 2
    assert {mail.to[0] for mail in mailoutbox} == {"ria@example.org"}


def test_an_extension_moves_that_members_reminders(run, cohort, exercise, members):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    pat, ria = members
    later = assignment.due_at + timedelta(days=10)
    Extension.objects.create(assignment=assignment, member=pat, due_at=later)

    run(assignment.due_at - timedelta(days=6))
    assert reminders(pat) == [] and len(reminders(ria)) == 1

    run(assignment.due_at - timedelta(hours=23))
    assert reminders(pat) == [] and len(reminders(ria)) == 2

    run(later - timedelta(days=6))
    assert [n.key for n in reminders(pat)] == [f"reminder-7:{assignment.pk}"]
    run(later - timedelta(hours=23))
    assert [n.key for n in reminders(pat)] == [f"reminder-7:{assignment.pk}", f"reminder-1:{assignment.pk}"]
    assert "is due within a day" in reminders(pat)[1].message


def test_a_reminder_moment_already_past_when_assigned_is_never_sent(run, cohort, exercise, members):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=3)
    pat = members[0]

    assert run(timezone.now()) == 0
    assert run(assignment.due_at - timedelta(days=2)) == 0
    assert run(assignment.due_at - timedelta(hours=23)) == 2
    assert [n.key for n in reminders(pat)] == [f"reminder-1:{assignment.pk}"]


def test_work_set_less_than_a_day_ahead_gets_no_reminder(run, cohort, exercise, members):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=0.5)
    assert run(assignment.due_at - timedelta(hours=1)) == 0
    assert not Notification.objects.exists()


def test_a_late_run_sends_only_the_nearest_reminder(run, cohort, exercise, members):
    """After the worker was down past the 1-day moment, the member gets one reminder, not two at once."""
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    run(assignment.due_at - timedelta(hours=2))
    assert [n.key for n in reminders(members[0])] == [f"reminder-1:{assignment.pk}"]


def test_reminders_respect_email_choices_and_carry_no_reflection_text(
    run, cohort, exercise, members, gibbs, mailoutbox
):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    pat, ria = members
    EmailOptOut.objects.create(user=pat, kind=NotificationKind.REMINDER)
    make_reflection(
        author=ria, reflective_model=gibbs, assignment=assignment, title="Visit to Mrs Okafor", answers={1: SECRET}
    )

    run(assignment.due_at - timedelta(days=6))

    assert len(reminders(pat)) == 1  # on the site still
    assert [mail.to[0] for mail in mailoutbox] == ["ria@example.org"]
    for text in [mail.body for mail in mailoutbox] + [mail.subject for mail in mailoutbox]:
        assert SECRET not in text and "Mrs Okafor" not in text
    for notification in Notification.objects.all():
        assert SECRET not in notification.message and "Mrs Okafor" not in notification.message


def test_members_who_left_the_cohort_get_no_reminder(run, cohort, exercise, members):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    cohort.members.remove(members[0])
    run(assignment.due_at - timedelta(days=6))
    assert reminders(members[0]) == [] and len(reminders(members[1])) == 1


def test_finding_reminders_costs_the_same_queries_for_2_or_40_members(
    cohort, exercise, members, django_assert_max_num_queries
):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    moment = assignment.due_at - timedelta(days=6)
    from reflections.reminders import due_reminders

    with django_assert_max_num_queries(5):
        assert len(due_reminders(moment)) == 2
    cohort.members.add(*[make_user(f"member{n}", role="Practitioners") for n in range(38)])
    other = make_assignment(exercise=exercise, cohort=make_cohort(members=cohort.members.all()), due_in_days=9)
    Extension.objects.create(assignment=other, member=members[0], due_at=other.due_at + timedelta(days=1))
    with django_assert_max_num_queries(5):
        assert len(due_reminders(moment)) == 80


@pytest.mark.parametrize("size", [3, 30])
def test_a_reminder_run_costs_the_same_queries_for_a_cohort_of_3_or_30(
    size, exercise, django_assert_num_queries, django_capture_on_commit_callbacks, mailoutbox
):
    people = [make_user(f"m{n}", role="Practitioners", email=f"m{n}@example.org") for n in range(size)]
    assignment = make_assignment(exercise=exercise, cohort=make_cohort(members=people), due_in_days=10)
    # Told apart from the others: a due date of their own, and no emails.
    Extension.objects.create(assignment=assignment, member=people[0], due_at=assignment.due_at + timedelta(hours=12))
    EmailOptOut.objects.create(user=people[1], kind=NotificationKind.REMINDER)

    # Finding who is due (5), then in a savepoint the assignments locked and, for each of the two due dates,
    # those told before, the notifications inserted and the opt-outs: none of it per member.
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(14):
        assert send_due_reminders(assignment.due_at - timedelta(days=6)) == size

    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == size
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(person.email for person in people[:1] + people[2:])


def test_members_told_together_each_get_one_email_with_their_own_due_date(run, cohort, exercise, members, mailoutbox):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=10)
    pat, ria = members
    later = assignment.due_at + timedelta(hours=12)
    Extension.objects.create(assignment=assignment, member=pat, due_at=later)
    on = {
        person: formats.date_format(timezone.localtime(due), "l j F Y, H:i")
        for person, due in ((pat, later), (ria, assignment.due_at))
    }

    assert run(assignment.due_at - timedelta(days=6)) == 2

    emails = {mail.to[0]: mail for mail in mailoutbox}
    assert len(mailoutbox) == 2 and set(emails) == {"pat@example.org", "ria@example.org"}
    for person in members:
        mail = emails[person.email]
        assert mail.subject == "Reminder: “Hope in a home visit” is due in 7 days"
        assert mail.body.startswith(f"Reminder: “Hope in a home visit” is due in 7 days, on {on[person]} (UK time).")
        assert f"/reflections/new/?assignment={assignment.pk}" in mail.body
        [notification] = reminders(person)
        assert notification.message == f"Reminder: “Hope in a home visit” is due in 7 days, on {on[person]} (UK time)."
    assert on[pat] != on[ria]


def test_no_reminder_is_sent_from_a_request(client, cohort, exercise, members):
    """A page view sends nothing, even with reminders due: they are the scheduled task's work."""
    due_in_6_days_set_long_ago(exercise, cohort)
    client.force_login(members[0])
    client.get("/reflections/")
    client.get("/notifications/")
    assert not Notification.objects.exists()


def due_in_6_days_set_long_ago(exercise, cohort):
    assignment = make_assignment(exercise=exercise, cohort=cohort, due_in_days=6)
    Assignment.objects.filter(pk=assignment.pk).update(created=timezone.now() - timedelta(days=20))
    return assignment


def test_the_task_sends_them(cohort, exercise, members, mailoutbox, django_capture_on_commit_callbacks):
    due_in_6_days_set_long_ago(exercise, cohort)
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.send_reminders.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 2
    assert len(mailoutbox) == 2


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued(task):
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)


def test_schedule_reminders_queues_each_chain_once(database_queue, capsys):
    call_command("schedule_reminders")
    call_command("schedule_reminders")

    assert queued(tasks.send_reminders).count() == 1
    assert queued(tasks.send_submission_digests).count() == 1
    assert "already queued" in capsys.readouterr().out


def test_the_reminders_task_queues_its_next_run_in_15_minutes(database_queue, cohort, exercise, members):
    due_in_6_days_set_long_ago(exercise, cohort)
    before = timezone.now()

    assert tasks.send_reminders.call() == 2

    [next_run] = queued(tasks.send_reminders)
    assert before + timedelta(minutes=14) < next_run.run_after < timezone.now() + timedelta(minutes=16)


def test_a_second_chain_merges_into_the_first(database_queue):
    tasks.send_reminders.call()
    tasks.send_reminders.call()
    assert queued(tasks.send_reminders).count() == 1


def test_the_digest_task_comes_back_the_next_morning(database_queue):
    tasks.send_submission_digests.call()
    [next_run] = queued(tasks.send_submission_digests)
    local = timezone.localtime(next_run.run_after)
    assert (local.hour, local.minute) == (7, 0)
    assert timezone.now() < next_run.run_after <= timezone.now() + timedelta(days=1)


def test_send_reminders_command_for_cron(cohort, exercise, members, capsys):
    due_in_6_days_set_long_ago(exercise, cohort)
    call_command("send_reminders")
    call_command("send_reminders")
    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 2
    assert "Sent 0 reminder(s)." in capsys.readouterr().out
