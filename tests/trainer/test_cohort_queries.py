"""The other cohort pages cost a fixed number of queries too: the same for a small cohort and a large one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections.cohorts import extension_grant
from tests.factories import make_cohort
from tests.trainer.cohort_data import a_cohort, members

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_cohort_list_members_and_assignment_pages_cost_the_same_small_or_large(client, trainer):
    client.force_login(trainer)
    setup = a_cohort(trainer, people=members(2))
    extension_grant(
        assignment=setup.assignment,
        member=setup.cohort.members.first(),
        due_at=setup.assignment.due_at + timedelta(days=1),
        by=trainer,
    )
    urls = [
        reverse("trainer:dashboard"),
        reverse("trainer:cohort_list"),
        reverse("trainer:cohort_members", args=[setup.cohort.pk]),
        reverse("trainer:assignment_create", args=[setup.cohort.pk]),
        reverse("trainer:assignment_detail", args=[setup.cohort.pk, setup.assignment.pk]),
    ]
    small = [queries(client, url) for url in urls]

    people = members(70, prefix="more")
    setup.cohort.members.add(*people)
    for person in people[:20]:
        extension_grant(
            assignment=setup.assignment, member=person, due_at=setup.assignment.due_at + timedelta(days=2), by=trainer
        )
    for number in range(10):
        make_cohort(trainers=[trainer], members=people[number:], name=f"Cohort {number}")
    large = [queries(client, url) for url in urls]

    assert small == large
    assert max(large) <= 12, large
