"""Assignments: an exercise set for a cohort with a due date in UK time and a note; extensions for one member."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status
from reflections.cohorts import UK, notify_assigned
from reflections.models import Assignment, EmailOptOut, Extension, Notification, NotificationKind
from tests.factories import make_assignment, make_cohort
from tests.trainer.cohort_data import a_cohort, exercise, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def assign(client, cohort, work, *, day, at="17:00", note=""):
    return client.post(
        reverse("trainer:assignment_create", args=[cohort.pk]),
        {"exercise": work.pk, "due_date": day, "due_time": at, "note": note},
        follow=True,
    )


def test_the_form_says_uk_time_and_offers_published_exercises_only(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer])
    exercise(title="Published one")
    exercise(title="My own draft", status=Status.DRAFT, author=trainer)
    page = trainer_client.get(reverse("trainer:assignment_create", args=[cohort.pk])).content.decode()
    assert "UK time" in page
    assert "Published one" in page and "My own draft" not in page


def test_an_exercise_is_assigned_with_its_due_time_read_as_uk_time(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer], members=members(2))
    work = exercise(title="Hope in practice")
    next_year = timezone.now().year + 1

    response = assign(trainer_client, cohort, work, day=f"{next_year}-07-01", at="17:00", note="Bring it along.")

    assignment = Assignment.objects.get()
    # 17:00 in a British summer is 16:00 UTC.
    assert assignment.due_at == datetime(next_year, 7, 1, 16, 0, tzinfo=UTC)
    assert (assignment.exercise, assignment.cohort, assignment.assigned_by) == (work, cohort, trainer)
    assert assignment.note == "Bring it along."
    page = response.content.decode()
    assert f"Assigned “Hope in practice”, due 1 July {next_year}, 17:00 UK time" in page
    assert "already passed" not in page
    assert f"Due 1 Jul {next_year}, 17:00" in page  # the grid's column


def test_each_member_is_notified_once_without_reflection_text(
    trainer_client, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    people = members(3)
    cohort = make_cohort(trainers=[trainer], members=people, name="Tuesday group")
    work = exercise(title="Hope in practice")
    with django_capture_on_commit_callbacks(execute=True):
        assign(trainer_client, cohort, work, day=f"{timezone.now().year + 1}-01-15")

    assignment = Assignment.objects.get()
    notifications = Notification.objects.filter(kind=NotificationKind.ASSIGNED)
    assert sorted(n.recipient_id for n in notifications) == sorted(person.pk for person in people)
    assert {n.key for n in notifications} == {f"assigned:{assignment.pk}"}
    assert {n.link for n in notifications} == {f"/reflections/new/?assignment={assignment.pk}"}
    assert "New exercise for Tuesday group: Hope in practice, due 15 January" in notifications[0].message
    assert sorted(message.to[0] for message in mailoutbox) == sorted(person.email for person in people if person.email)


def notified(assignment, on_commit):
    """Run the assignment's notifications task, with the emails it queues; the number of queries it took."""
    with CaptureQueriesContext(connection) as captured, on_commit(execute=True):
        notify_assigned.call(assignment_id=assignment.pk)
    return len(captured)


def test_notifying_a_cohort_costs_the_same_queries_for_3_or_30_members(
    trainer, mailoutbox, django_capture_on_commit_callbacks
):
    queries = {}
    for size in (3, 30):
        people = members(size, prefix=f"of{size}-")
        EmailOptOut.objects.create(user=people[0], kind=NotificationKind.ASSIGNED)
        assignment = make_assignment(exercise=exercise(), cohort=make_cohort(trainers=[trainer], members=people))
        mailoutbox.clear()

        queries[size] = notified(assignment, django_capture_on_commit_callbacks)

        assert Notification.objects.filter(key=f"assigned:{assignment.pk}").count() == size
        assert sorted(message.to[0] for message in mailoutbox) == sorted(person.email for person in people[1:])
    assert queries[3] == queries[30], queries


def test_members_are_emailed_unless_they_opted_out_and_never_twice(
    trainer, mailoutbox, django_capture_on_commit_callbacks
):
    opted_out, no_address, told_before, wanting = members(4)
    EmailOptOut.objects.create(user=opted_out, kind=NotificationKind.ASSIGNED)
    no_address.email = ""
    no_address.save()
    assignment = make_assignment(
        exercise=exercise(), cohort=make_cohort(trainers=[trainer], members=[opted_out, no_address, told_before])
    )
    notified(assignment, django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mailoutbox) == [told_before.email]
    assignment.cohort.members.add(wanting)  # joins later; the task runs again (a retry, say)
    mailoutbox.clear()

    notified(assignment, django_capture_on_commit_callbacks)

    assert [message.to[0] for message in mailoutbox] == [wanting.email]
    notifications = Notification.objects.filter(key=f"assigned:{assignment.pk}")
    assert sorted(n.recipient_id for n in notifications) == sorted(
        person.pk for person in (opted_out, no_address, told_before, wanting)
    )


def test_a_due_date_in_the_past_is_allowed_with_a_warning(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer])
    yesterday = (timezone.localtime(timezone.now(), UK) - timedelta(days=1)).date().isoformat()
    response = assign(trainer_client, cohort, exercise(), day=yesterday)
    assert Assignment.objects.count() == 1
    page = response.content.decode()
    assert "has already passed" in page and 'class="message warning"' in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"due_date": "", "due_time": "17:00"}, "This field is required."),
        ({"due_date": "31/02/2027", "due_time": "17:00"}, "Enter a valid date."),
        ({"due_date": "2027-01-01", "due_time": "25:00"}, "Enter a valid time."),
    ],
)
def test_a_missing_or_impossible_due_date_is_refused(trainer_client, trainer, data, error):
    cohort = make_cohort(trainers=[trainer])
    response = trainer_client.post(
        reverse("trainer:assignment_create", args=[cohort.pk]), {"exercise": exercise().pk, **data}
    )
    assert response.status_code == 400 and error in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_draft_exercise_cannot_be_assigned(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer])
    draft = exercise(status=Status.DRAFT, author=trainer)
    response = trainer_client.post(
        reverse("trainer:assignment_create", args=[cohort.pk]),
        {"exercise": draft.pk, "due_date": "2030-01-01", "due_time": "17:00"},
    )
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()
    assert not Assignment.objects.exists()


def extend(client, setup, person, day, at="17:00"):
    url = reverse("trainer:assignment_extension", args=[setup.cohort.pk, setup.assignment.pk])
    return client.post(url, {"person": person, "due_date": day, "due_time": at}, follow=True)


def test_one_member_is_given_an_extension(trainer_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=3)
    later = timezone.localtime(setup.assignment.due_at, UK) + timedelta(days=7)

    response = extend(trainer_client, setup, "pat", later.date().isoformat(), later.strftime("%H:%M"))

    extension = Extension.objects.get()
    assert extension.member == practitioner and extension.granted_by == trainer
    assert extension.due_at == later.replace(second=0, microsecond=0)
    page = response.content.decode()
    assert "pat now has until" in page and "until " + later.strftime("%-d %B %Y") in page


def test_a_second_extension_replaces_the_first(trainer_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=3)
    for days in (5, 9):
        extend(trainer_client, setup, "pat", (timezone.localdate() + timedelta(days=days)).isoformat())
    assert Extension.objects.count() == 1
    assert timezone.localtime(Extension.objects.get().due_at).date() == timezone.localdate() + timedelta(days=9)


def test_an_extension_before_the_due_date_is_refused(trainer_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=7)
    response = extend(trainer_client, setup, "pat", timezone.localdate().isoformat())
    assert response.status_code == 400
    assert "An extension must end after the due date" in response.content.decode()
    assert not Extension.objects.exists()


def test_an_extension_is_only_for_a_member(trainer_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[], due_in_days=1)
    response = extend(trainer_client, setup, "pat", (timezone.localdate() + timedelta(days=9)).isoformat())
    assert response.status_code == 400
    assert "pat is not a member of this cohort." in response.content.decode()
    assert not Extension.objects.exists()
