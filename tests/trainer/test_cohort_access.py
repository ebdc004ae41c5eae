"""Who may use the cohort pages: a trainer sees only the cohorts they run; others get 404 and change nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from reflections.models import Assignment, Cohort, Extension, Invitation
from tests.factories import make_user
from tests.trainer.cohort_data import a_cohort, exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trainer, practitioner):
    member = make_user("mo", role="Practitioners")
    setup = a_cohort(trainer, people=[practitioner, member], due_in_days=2)
    return {
        "setup": setup,
        "member": member,
        "other_trainer": make_user("olga", role="Trainers", email="olga@example.org"),
        "colleague": make_user("cal", role="Trainers", email="cal@example.org"),
        "curator": make_user("cora", role="Curators", is_staff=True),
        "superuser": get_user_model().objects.create_superuser("root", password="pw"),
        "outsider": make_user("oz", role="Practitioners"),
    }


def requests(world):
    """(name, method, URL, data) for every cohort page, on the trainer's cohort."""
    setup = world["setup"]
    cohort, assignment = setup.cohort.pk, setup.assignment.pk
    later = timezone.localdate() + timezone.timedelta(days=30)
    return [
        ("grid", "get", reverse("trainer:cohort_detail", args=[cohort]), None),
        ("csv", "get", reverse("trainer:cohort_csv", args=[cohort]), None),
        ("members", "get", reverse("trainer:cohort_members", args=[cohort]), None),
        ("assign form", "get", reverse("trainer:assignment_create", args=[cohort]), None),
        ("assignment", "get", reverse("trainer:assignment_detail", args=[cohort, assignment]), None),
        ("add member", "post", reverse("trainer:cohort_member_add", args=[cohort]), {"member-person": "oz"}),
        ("invite", "post", reverse("trainer:cohort_member_add", args=[cohort]), {"member-person": "new@example.org"}),
        (
            "remove member",
            "post",
            reverse("trainer:cohort_member_remove", args=[cohort, world["member"].pk]),
            None,
        ),
        ("add trainer", "post", reverse("trainer:cohort_trainer_add", args=[cohort]), {"trainer-person": "cal"}),
        (
            "assign",
            "post",
            reverse("trainer:assignment_create", args=[cohort]),
            {"exercise": exercise().pk, "due_date": later.isoformat(), "due_time": "17:00"},
        ),
        (
            "extension",
            "post",
            reverse("trainer:assignment_extension", args=[cohort, assignment]),
            {"person": "pat", "due_date": later.isoformat(), "due_time": "17:00"},
        ),
    ]


def state(setup):
    cohort = Cohort.objects.get(pk=setup.cohort.pk)
    return (
        sorted(cohort.members.values_list("username", flat=True)),
        sorted(cohort.trainers.values_list("username", flat=True)),
        Assignment.objects.count(),
        Extension.objects.count(),
        Invitation.objects.count(),
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("other_trainer", 404),  # a trainer of another cohort (or of none): as if it did not exist
        ("superuser", 404),  # holds every permission, but runs no cohort
        # Not trainers: a page about one cohort is a 404 for them too, so cohort ids reveal nothing.
        ("author", 404),  # a practitioner, member of the cohort
        ("outsider", 404),
        ("curator", 404),
    ],
)
def test_nobody_but_its_trainers_sees_or_changes_a_cohort(client, world, practitioner, who, expected, mailoutbox):
    user = practitioner if who == "author" else world[who]
    make_user_trainer_elsewhere = who == "other_trainer"
    if make_user_trainer_elsewhere:
        a_cohort(user, people=[world["outsider"]])
    client.force_login(user)
    before = state(world["setup"])

    for name, method, url, data in requests(world):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == expected, (who, name)

    assert state(world["setup"]) == before
    assert mailoutbox == []


def test_anonymous_people_are_sent_to_log_in_and_change_nothing(client, world):
    before = state(world["setup"])
    for name, method, url, data in requests(world):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name
    assert state(world["setup"]) == before


def test_the_cohorts_trainers_use_every_page(client, world, trainer):
    client.force_login(trainer)
    for name, method, url, data in requests(world):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == (200 if method == "get" else 302), name
        assert "no-store" in response["Cache-Control"], name
    members, trainers, assignments, extensions, invitations = state(world["setup"])
    assert "oz" in members and "mo" not in members and trainers == ["cal", "tess"]
    assert (assignments, extensions, invitations) == (2, 1, 1)


def test_the_cohort_list_and_new_cohort_are_for_trainers(client, world, practitioner):
    for url in (reverse("trainer:cohort_list"), reverse("trainer:cohort_create")):
        assert client.get(url).status_code == 302
        client.force_login(practitioner)
        assert client.get(url).status_code == 403
        client.logout()
    client.force_login(practitioner)
    client.post(reverse("trainer:cohort_create"), {"name": "Sneaky"})
    assert not Cohort.objects.filter(name="Sneaky").exists()


def test_an_assignment_of_another_cohort_is_not_found_under_mine(client, world, trainer):
    theirs = a_cohort(world["other_trainer"], people=[world["outsider"]])
    mine = world["setup"].cohort
    client.force_login(trainer)
    url = reverse("trainer:assignment_detail", args=[mine.pk, theirs.assignment.pk])
    assert client.get(url).status_code == 404
    extension = reverse("trainer:assignment_extension", args=[mine.pk, theirs.assignment.pk])
    assert client.post(extension, {"person": "oz", "due_date": "2099-01-01", "due_time": "17:00"}).status_code == 404
    assert not Extension.objects.exists()


def test_removing_someone_who_is_not_a_member_is_not_found(client, world, trainer):
    client.force_login(trainer)
    url = reverse("trainer:cohort_member_remove", args=[world["setup"].cohort.pk, world["outsider"].pk])
    assert client.post(url).status_code == 404
