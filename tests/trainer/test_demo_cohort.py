"""`make run`'s demo cohort: the demo trainer runs it, the demo practitioner is in it, one assignment is set."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from reflections.models import Assignment, Cohort, Notification, NotificationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, shipped_content):
    settings.DEBUG = True
    call_command("create_demo_accounts")


def test_the_demo_cohort_is_made_once_with_one_assignment(
    demo, client, capsys, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the members are told once the assignment is saved
        call_command("create_demo_cohort")
        call_command("create_demo_cohort")

    cohort = Cohort.objects.get()
    assert list(cohort.trainers.values_list("username", flat=True)) == ["trainer"]
    assert list(cohort.members.values_list("username", flat=True)) == ["practitioner"]
    assignment = Assignment.objects.get()
    assert assignment.cohort == cohort and assignment.exercise.is_published
    assert Notification.objects.filter(kind=NotificationKind.ASSIGNED, recipient__username="practitioner").count() == 1
    out = capsys.readouterr().out
    assert "Demo cohort: run by “trainer”" in out and "already there" in out

    client.force_login(django_user_model.objects.get(username="practitioner"))
    mine = client.get(reverse("reflections:reflection_list")).content.decode()
    assert assignment.exercise.title in mine and assignment.start_url() in mine
    client.force_login(django_user_model.objects.get(username="trainer"))
    grid = client.get(reverse("trainer:cohort_detail", args=[cohort.pk])).content.decode()
    assert "practitioner" in grid and "Not started" in grid


def test_the_demo_cohort_needs_the_demo_accounts_and_debug(settings, shipped_content):
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_cohort")
    settings.DEBUG = True
    with pytest.raises(CommandError, match="create_demo_accounts"):
        call_command("create_demo_cohort")
    assert not Cohort.objects.exists()
