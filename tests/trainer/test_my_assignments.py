"""The practitioner's side: my assignments on /reflections/, one click to start, late submissions marked."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reflections.models import Extension, Feedback, Reflection
from reflections.services import reflection_submit
from tests.factories import make_assignment, make_user
from tests.trainer.cohort_data import a_cohort, exercise, one_stage_model, write

pytestmark = pytest.mark.django_db

MINE = reverse("reflections:reflection_list")
NEW = reverse("reflections:reflection_new")


@pytest.fixture
def member_client(client, practitioner):
    client.force_login(practitioner)
    return client


def section(page):
    start = page.index('id="assignments-heading"')
    return page[start : page.index("</section>", start)]


def test_my_page_lists_my_assignments_with_due_date_in_uk_time(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], name="Tuesday group", due_in_days=5)
    due = timezone.localtime(setup.assignment.due_at)

    mine = section(member_client.get(MINE).content.decode())

    assert "Hope in practice" in mine and "Tuesday group" in mine and "Bring it to the next session." in mine
    assert due.strftime("%-d %b %Y, %H:%M") in mine and "UK time" in mine
    assert "Not started" in mine and "Overdue" not in mine
    assert f'href="{NEW}?assignment={setup.assignment.pk}"' in mine


def test_work_past_its_due_date_and_not_submitted_is_overdue(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=-1)
    assert "Overdue" in section(member_client.get(MINE).content.decode())
    write(practitioner, setup, submit=True)
    mine = section(member_client.get(MINE).content.decode())
    assert "Overdue" not in mine and "Submitted" in mine


def test_my_extension_is_shown_and_counted(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=-1)
    Extension.objects.create(
        assignment=setup.assignment, member=practitioner, due_at=timezone.now() + timedelta(days=3), granted_by=trainer
    )
    mine = section(member_client.get(MINE).content.decode())
    assert "Your extension:" in mine and "Overdue" not in mine


def test_my_status_follows_my_reflection(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner])
    reflection = write(practitioner, setup)
    mine = section(member_client.get(MINE).content.decode())
    assert "Draft" in mine and reverse("reflections:reflection_edit", args=[reflection.public_id]) in mine
    reflection_submit(reflection=reflection, by=practitioner, version=reflection.version)
    Feedback.objects.create(reflection=reflection, author=trainer, body="Thank you.", released_at=timezone.now())
    mine = section(member_client.get(MINE).content.decode())
    assert "Feedback given" in mine and reflection.get_absolute_url() in mine


def test_other_cohorts_assignments_are_not_mine(member_client, trainer, practitioner):
    a_cohort(trainer, people=[make_user("sam", role="Practitioners")])
    assert 'id="assignments-heading"' not in member_client.get(MINE).content.decode()


def test_my_page_costs_the_same_with_1_or_20_assignments(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner])
    write(practitioner, setup)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(MINE).status_code == 200
        return len(captured)

    with_one = count()
    for days in range(19):
        assignment = make_assignment(exercise=exercise(), cohort=setup.cohort, due_in_days=days - 5)
        Extension.objects.create(assignment=assignment, member=practitioner, due_at=timezone.now(), granted_by=trainer)
    assert count() == with_one


def hidden_fields(html):
    fields = dict(
        re.findall(r'<input type="hidden" name="(public_id|assignment|exercise|version)" value="([^"]*)"', html)
    )
    fields.update({name: "" for name in re.findall(r'<textarea name="(answer_\d+)"', html)})
    return fields


def test_one_click_opens_the_exercise_and_saving_links_the_reflection_to_it(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner], name="Tuesday group")
    response = member_client.get(NEW, {"assignment": setup.assignment.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Exercise: Hope in practice" in html and "Set for Tuesday group: due" in html

    fields = hidden_fields(html)
    assert fields["assignment"] == str(setup.assignment.pk)
    response = member_client.post(NEW, {**fields, "title": "My visit", "answer_1": "What I saw."})

    reflection = Reflection.objects.get()
    assert (reflection.author, reflection.assignment, reflection.exercise) == (
        practitioner,
        setup.assignment,
        setup.exercise,
    )
    assert response.status_code == 302


def test_starting_again_opens_the_reflection_already_begun(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner])
    reflection = write(practitioner, setup)
    response = member_client.get(NEW, {"assignment": setup.assignment.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("reflections:reflection_edit", args=[reflection.public_id])

    reflection_submit(reflection=reflection, by=practitioner, version=reflection.version)
    response = member_client.get(NEW, {"assignment": setup.assignment.pk})
    assert response["Location"] == reflection.get_absolute_url()
    assert Reflection.objects.count() == 1


def test_a_second_page_for_the_same_assignment_never_makes_a_second_reflection(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner])
    first = hidden_fields(member_client.get(NEW, {"assignment": setup.assignment.pk}).content.decode())
    second = hidden_fields(member_client.get(NEW, {"assignment": setup.assignment.pk}).content.decode())
    member_client.post(NEW, {**first, "title": "First tab", "answer_1": "One."})

    response = member_client.post(NEW, {**second, "title": "Second tab", "answer_1": "Two."})

    assert Reflection.objects.count() == 1
    assert response.status_code == 409  # both texts kept and shown, as for any save made elsewhere
    assert "Two." in response.content.decode() and "One." in response.content.decode()


def test_an_assignment_not_set_for_my_cohorts_is_not_found(member_client, trainer, practitioner):
    theirs = a_cohort(trainer, people=[make_user("sam", role="Practitioners")])
    for value in (theirs.assignment.pk, 999999, "abc"):
        assert member_client.get(NEW, {"assignment": value}).status_code == 404
    response = member_client.post(
        NEW, {"public_id": "9b7a5a64-3d7e-4a5f-9d5e-0e0f5f3d8d11", "version": 0, "assignment": theirs.assignment.pk}
    )
    assert response.status_code == 404
    assert not Reflection.objects.exists()


def test_a_member_removed_from_the_cohort_can_no_longer_start_it(member_client, trainer, practitioner):
    setup = a_cohort(trainer, people=[practitioner])
    setup.cohort.members.remove(practitioner)
    assert member_client.get(NEW, {"assignment": setup.assignment.pk}).status_code == 404


@pytest.mark.parametrize(
    ("due_in_days", "extension_days", "late"),
    [(3, None, False), (-1, None, True), (-1, 2, False), (-3, -1, True)],
)
def test_submitting_after_the_due_date_is_allowed_and_marked_late(
    trainer, practitioner, due_in_days, extension_days, late
):
    setup = a_cohort(trainer, people=[practitioner], due_in_days=due_in_days)
    if extension_days is not None:
        Extension.objects.create(
            assignment=setup.assignment,
            member=practitioner,
            due_at=timezone.now() + timedelta(days=extension_days),
            granted_by=trainer,
        )
    reflection = write(practitioner, setup, submit=True)
    assert reflection.status == Reflection.Status.SUBMITTED
    assert reflection.submitted_late is late


def test_a_free_entry_is_never_late(practitioner):
    from tests.factories import make_reflection

    reflection = make_reflection(author=practitioner, reflective_model=one_stage_model(), submit=True)
    assert reflection.submitted_late is False
