"""Trainers hear of submissions once a day per cohort: one notification on the site when the first arrives,
one email the next morning with how many, never one per submission and never the reflection's text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reflections.digest import cohort_link, send_submission_digests
from reflections.models import EmailOptOut, Notification, NotificationKind, Reflection
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection, make_user

pytestmark = pytest.mark.django_db

SECRET = "the bruise on her arm"


@pytest.fixture
def trainers(db):
    return [make_user(name, role="Trainers", email=f"{name}@example.org") for name in ("tina", "theo")]


@pytest.fixture
def members(db):
    return [make_user(f"member{n}", role="Practitioners", email=f"m{n}@example.org") for n in range(5)]


@pytest.fixture
def cohorts(trainers, members):
    return (
        make_cohort(trainers=trainers, members=members[:3], name="Spring cohort"),
        make_cohort(trainers=trainers[:1], members=members[3:], name="Autumn cohort"),
    )


@pytest.fixture
def assignments(gibbs, cohorts):
    exercise = make_exercise(reflective_model=gibbs, title="Hope in a home visit")
    return [make_assignment(exercise=exercise, cohort=cohort) for cohort in cohorts]


@pytest.fixture
def submit(gibbs, django_capture_on_commit_callbacks):
    def submit_for(member, assignment):
        with django_capture_on_commit_callbacks(execute=True):
            return make_reflection(
                author=member,
                reflective_model=gibbs,
                assignment=assignment,
                title="Visit to Mrs Grant",
                answers={1: f"I noticed {SECRET}."},
                submit=True,
            )

    return submit_for


@pytest.fixture
def digest(django_capture_on_commit_callbacks):
    def send(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_submission_digests(now)

    return send


def tomorrow_morning():
    return timezone.localtime() + timedelta(days=1)


def submissions(user):
    return list(Notification.objects.filter(recipient=user, kind=NotificationKind.SUBMISSIONS))


def test_many_submissions_make_one_notification_per_trainer_per_cohort_and_no_email_yet(
    submit, assignments, members, trainers, mailoutbox
):
    spring, autumn = assignments
    for member in members[:3]:
        submit(member, spring)
    submit(members[3], autumn)

    tina, theo = trainers
    assert sorted(n.message for n in submissions(tina)) == [
        "New submissions in Autumn cohort",
        "New submissions in Spring cohort",
    ]
    assert [n.message for n in submissions(theo)] == ["New submissions in Spring cohort"]
    assert submissions(theo)[0].link == cohort_link(spring.cohort_id)
    assert submissions(theo)[0].key == f"submissions:{spring.cohort_id}:{timezone.localdate().isoformat()}"
    assert mailoutbox == []


def test_the_morning_digest_emails_each_trainer_once_per_cohort_with_the_count(
    submit, digest, assignments, members, trainers, mailoutbox
):
    spring, autumn = assignments
    for member in members[:3]:
        submit(member, spring)
    submit(members[3], autumn)

    assert digest(tomorrow_morning()) == 3

    by_person = sorted((mail.to[0], mail.subject) for mail in mailoutbox)
    assert by_person == [
        ("theo@example.org", "New submissions in Spring cohort"),
        ("tina@example.org", "New submissions in Autumn cohort"),
        ("tina@example.org", "New submissions in Spring cohort"),
    ]
    spring_mail = next(mail for mail in mailoutbox if mail.to == ["theo@example.org"])
    assert "3 reflections were submitted in Spring cohort on " in spring_mail.body
    assert f"http://127.0.0.1:8000/trainer/cohorts/{spring.cohort_id}/" in spring_mail.body
    autumn_mail = next(mail for mail in mailoutbox if "Autumn" in mail.subject)
    assert "1 reflection was submitted in Autumn cohort" in autumn_mail.body


def test_the_digest_is_sent_once_across_runs(submit, digest, assignments, members, mailoutbox):
    submit(members[0], assignments[0])
    digest(tomorrow_morning())
    assert digest(tomorrow_morning() + timedelta(minutes=15)) == 0
    assert digest(tomorrow_morning() + timedelta(days=1)) == 0
    assert len(mailoutbox) == 2


def test_todays_submissions_wait_for_tomorrows_digest(submit, digest, assignments, members, mailoutbox):
    submit(members[0], assignments[0])
    assert digest(timezone.now()) == 0
    assert mailoutbox == []


def test_the_next_days_submissions_make_a_new_notification_and_digest(
    submit, digest, assignments, members, trainers, mailoutbox
):
    submit(members[0], assignments[0])
    digest(tomorrow_morning())
    # The next day: move the first notification and reflection back a day, as if they were yesterday's.
    yesterday = timezone.localdate() - timedelta(days=1)
    for notification in Notification.objects.all():
        notification.key = f"submissions:{assignments[0].cohort_id}:{yesterday.isoformat()}"
        notification.save()
    Reflection.objects.update(submitted_at=timezone.now() - timedelta(days=1))
    mailoutbox.clear()

    submit(members[1], assignments[0])
    assert len(submissions(trainers[0])) == 2
    assert digest(tomorrow_morning()) == 2
    assert "1 reflection was submitted" in mailoutbox[0].body


def test_a_trainer_who_turned_the_digest_off_gets_it_on_the_site_only(
    submit, digest, assignments, members, trainers, mailoutbox
):
    EmailOptOut.objects.create(user=trainers[1], kind=NotificationKind.SUBMISSIONS)
    submit(members[0], assignments[0])

    digest(tomorrow_morning())

    assert len(submissions(trainers[1])) == 1
    assert [mail.to[0] for mail in mailoutbox] == ["tina@example.org"]


def test_no_reflection_text_in_any_notification_or_email(submit, digest, assignments, members, mailoutbox):
    for member in members[:3]:
        submit(member, assignments[0])
    digest(tomorrow_morning())

    assert mailoutbox
    for mail in mailoutbox:
        assert SECRET not in mail.body and "Mrs Grant" not in mail.body and "Mrs Grant" not in mail.subject
    for notification in Notification.objects.all():
        assert SECRET not in notification.message and "Mrs Grant" not in notification.message


def test_a_free_entry_tells_no_trainer(gibbs, members, trainers, cohorts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_reflection(author=members[0], reflective_model=gibbs, submit=True)
    assert not Notification.objects.exists()


def test_the_digest_costs_the_same_queries_for_1_or_12_cohorts(
    gibbs, digest, submit, trainers, django_assert_max_num_queries
):
    exercise = make_exercise(reflective_model=gibbs)

    def one_day_of(cohort_count):
        Notification.objects.all().delete()
        for number in range(cohort_count):
            member = make_user(f"p{cohort_count}-{number}", role="Practitioners")
            cohort = make_cohort(trainers=trainers, members=[member])
            submit(member, make_assignment(exercise=exercise, cohort=cohort))

    one_day_of(1)
    with django_assert_max_num_queries(6 + 2):  # the reads, then one UPDATE per notification taken
        send_submission_digests(tomorrow_morning())
    one_day_of(12)
    with django_assert_max_num_queries(6 + 24):
        send_submission_digests(tomorrow_morning())
