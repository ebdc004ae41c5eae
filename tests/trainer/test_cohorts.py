"""Cohorts: make one, add members by username or email, remove them, add a co-trainer; bad input is refused."""

import pytest
from django.urls import reverse

from reflections.models import Cohort, Invitation
from tests.factories import make_cohort, make_user
from tests.trainer.cohort_data import a_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def members_url(cohort):
    return reverse("trainer:cohort_members", args=[cohort.pk])


def add(client, cohort, person):
    return client.post(reverse("trainer:cohort_member_add", args=[cohort.pk]), {"member-person": person})


def test_a_trainer_makes_a_cohort_and_runs_it(trainer_client, trainer):
    response = trainer_client.post(reverse("trainer:cohort_create"), {"name": "Social work MA, year 2"})

    cohort = Cohort.objects.get(name="Social work MA, year 2")
    assert list(cohort.trainers.all()) == [trainer]
    assert response.status_code == 302 and response["Location"] == members_url(cohort)
    page = trainer_client.get(reverse("trainer:cohort_list")).content.decode()
    assert "Social work MA, year 2" in page and reverse("trainer:cohort_detail", args=[cohort.pk]) in page


def test_a_cohort_needs_a_name(trainer_client):
    response = trainer_client.post(reverse("trainer:cohort_create"), {"name": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Cohort.objects.exists()


def test_the_cohort_list_shows_only_my_cohorts_with_their_counts(trainer_client, trainer, practitioner):
    mine = a_cohort(trainer, people=[practitioner], name="Mine")
    other_trainer = make_user("olga", role="Trainers")
    make_cohort(trainers=[other_trainer], name="Not mine")

    page = trainer_client.get(reverse("trainer:cohort_list")).content.decode()

    assert "Mine" in page and "Not mine" not in page
    assert reverse("trainer:cohort_detail", args=[mine.cohort.pk]) in page
    assert '<td class="num">1</td>' in page  # one member, one assignment


def test_the_dashboard_links_my_cohorts_to_their_grids(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer], name="Tuesday group")
    page = trainer_client.get(reverse("trainer:dashboard")).content.decode()
    assert f'href="{reverse("trainer:cohort_detail", args=[cohort.pk])}">Tuesday group' in page
    assert reverse("trainer:cohort_create") in page and "New cohort" in page


def test_a_member_is_added_by_username(trainer_client, trainer, practitioner):
    cohort = make_cohort(trainers=[trainer])
    response = add(trainer_client, cohort, "pat")
    assert response.status_code == 302
    assert list(cohort.members.all()) == [practitioner]
    assert "pat" in trainer_client.get(members_url(cohort)).content.decode()


def test_a_member_is_added_by_the_email_of_their_account(trainer_client, trainer):
    someone = make_user("sam", role="Practitioners", email="Sam@Example.org")
    cohort = make_cohort(trainers=[trainer])
    add(trainer_client, cohort, "sam@example.org")
    assert list(cohort.members.all()) == [someone]
    assert not Invitation.objects.exists()


def test_adding_someone_already_a_member_is_a_clear_error(trainer_client, trainer, practitioner):
    cohort = make_cohort(trainers=[trainer], members=[practitioner])
    response = add(trainer_client, cohort, "pat")
    assert response.status_code == 400
    assert "pat is already a member of this cohort." in response.content.decode()
    assert cohort.members.count() == 1


def test_an_unknown_username_is_a_clear_error(trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer])
    response = add(trainer_client, cohort, "nobody")
    assert response.status_code == 400
    assert "No account has the username “nobody”" in response.content.decode()
    assert cohort.members.count() == 0


def test_something_that_is_not_an_email_is_a_clear_error(trainer_client, trainer, mailoutbox):
    cohort = make_cohort(trainers=[trainer])
    response = add(trainer_client, cohort, "sam@@example")
    assert response.status_code == 400
    assert "“sam@@example” is not an email address." in response.content.decode()
    assert not Invitation.objects.exists() and mailoutbox == []


def test_removing_a_member_takes_them_out(trainer_client, trainer, practitioner):
    cohort = make_cohort(trainers=[trainer], members=[practitioner])
    response = trainer_client.post(reverse("trainer:cohort_member_remove", args=[cohort.pk, practitioner.pk]))
    assert response.status_code == 302
    assert cohort.members.count() == 0
    assert "Removed pat from the cohort" in trainer_client.get(members_url(cohort)).content.decode()


def test_removing_is_a_post(trainer_client, trainer, practitioner):
    cohort = make_cohort(trainers=[trainer], members=[practitioner])
    response = trainer_client.get(reverse("trainer:cohort_member_remove", args=[cohort.pk, practitioner.pk]))
    assert response.status_code == 405
    assert cohort.members.count() == 1


def test_a_co_trainer_is_added_and_sees_the_cohort(client, trainer_client, trainer):
    cohort = make_cohort(trainers=[trainer], name="Shared group")
    colleague = make_user("olga", role="Trainers", email="olga@example.org")

    response = trainer_client.post(
        reverse("trainer:cohort_trainer_add", args=[cohort.pk]), {"trainer-person": "olga@example.org"}
    )

    assert response.status_code == 302
    assert set(cohort.trainers.all()) == {trainer, colleague}
    client.force_login(colleague)
    assert client.get(reverse("trainer:cohort_detail", args=[cohort.pk])).status_code == 200


@pytest.mark.parametrize(
    ("person", "error"),
    [
        ("pat", "pat does not have a trainer&#x27;s account."),
        ("nobody", "No account has the username “nobody”"),
        ("nobody@example.org", "No account uses the email address nobody@example.org."),
        ("tess", "tess already runs this cohort."),
    ],
)
def test_a_co_trainer_must_be_a_trainer_not_yet_running_it(trainer_client, trainer, practitioner, person, error):
    cohort = make_cohort(trainers=[trainer])
    response = trainer_client.post(reverse("trainer:cohort_trainer_add", args=[cohort.pk]), {"trainer-person": person})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert list(cohort.trainers.all()) == [trainer]
