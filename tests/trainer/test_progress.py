"""The progress grid: members × assignments, each cell's state, counts per column, the CSV; a fixed query count."""

import csv
import io
import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from reflections.models import Cohort, Feedback, Reflection
from reflections.progress import submission_url
from tests.factories import make_assignment, make_reflection, make_user
from tests.trainer.cohort_data import SECRET, a_cohort, exercise, members, one_stage_model, write

pytestmark = pytest.mark.django_db

GRID_QUERIES = 8  # the session with the trainer, their permissions and unread count, among them


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def every_state(trainer):
    """Six members, one in each state, and a seventh assignment-free reflection that must not show."""
    people = {
        name: make_user(name, role="Practitioners", first_name=name.title(), last_name="Member")
        for name in ("anna", "ben", "cara", "dev", "eve", "finn")
    }
    setup = a_cohort(trainer, people=list(people.values()), due_in_days=3)
    write(people["ben"], setup)  # draft
    reopened = write(people["cara"], setup, submit=True)
    Reflection.objects.filter(pk=reopened.pk).update(status="draft", reopened_at=timezone.now(), submitted_at=None)
    on_time = write(people["dev"], setup, submit=True)
    late = write(people["eve"], setup, submit=True)
    Reflection.objects.filter(pk=late.pk).update(submitted_late=True)
    answered = write(people["finn"], setup, submit=True)
    Feedback.objects.create(reflection=answered, author=trainer, body="Good.", released_at=timezone.now())
    Feedback.objects.create(reflection=on_time, author=trainer, body="Not released yet.")
    make_reflection(author=people["anna"], reflective_model=one_stage_model(), title="A free entry")
    return {"setup": setup, "on_time": on_time, "late": late, "answered": answered, "reopened": reopened}


def grid(client, cohort, **params):
    return client.get(reverse("trainer:cohort_detail", args=[cohort.pk]), params)


def row_of(page, name):
    start = page.index(f'<th scope="row">{name}')
    return page[start : page.index("</tr>", start)]


def test_each_cell_shows_the_members_state(trainer_client, every_state):
    response = grid(trainer_client, every_state["setup"].cohort)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Not started" in row_of(page, "Anna")
    assert "Draft" in row_of(page, "Ben")
    assert "Reopened" in row_of(page, "Cara")
    assert "Submitted on time" in row_of(page, "Dev")
    assert "Submitted late" in row_of(page, "Eve")
    assert "Feedback given" in row_of(page, "Finn")
    assert SECRET not in page and "A free entry" not in page


def test_submitted_cells_link_to_the_submission_and_drafts_do_not(trainer_client, every_state):
    page = grid(trainer_client, every_state["setup"].cohort).content.decode()
    for name, key in (("Dev", "on_time"), ("Eve", "late"), ("Finn", "answered")):
        url = submission_url(every_state[key].public_id)
        assert url == f"/trainer/reflections/{every_state[key].public_id}/"
        assert f'href="{url}"' in row_of(page, name)
    assert str(every_state["reopened"].public_id) not in page
    assert "href" not in row_of(page, "Ben").split("</th>", 1)[1]


def test_the_columns_count_each_state(trainer_client, every_state):
    page = grid(trainer_client, every_state["setup"].cohort).content.decode()
    footer = page[page.index("<tfoot>") : page.index("</tfoot>")]
    for label in ("Not started", "Draft", "Reopened", "Submitted on time", "Submitted late", "Feedback given"):
        assert f'<th scope="row">{label}</th>\n          <td>1</td>' in footer, label
    assert "3 of 6 submitted" in page


def test_a_reflection_sent_in_again_after_feedback_shows_as_submitted(trainer_client, every_state):
    answered = every_state["answered"]
    Reflection.objects.filter(pk=answered.pk).update(submitted_at=timezone.now() + timedelta(minutes=5))
    assert "Submitted on time" in row_of(grid(trainer_client, every_state["setup"].cohort).content.decode(), "Finn")


def test_a_members_extension_shows_in_their_cell(trainer_client, trainer, every_state):
    from reflections.cohorts import extension_grant

    setup = every_state["setup"]
    ben = get_user_model().objects.get(username="ben")
    extension_grant(
        assignment=setup.assignment, member=ben, due_at=setup.assignment.due_at + timedelta(days=4), by=trainer
    )
    assert "Extension to" in row_of(grid(trainer_client, setup.cohort).content.decode(), "Ben")


def test_the_grid_costs_the_same_queries_with_5_or_200_members(trainer_client, trainer, django_assert_num_queries):
    setup = a_cohort(trainer, people=members(5), due_in_days=3)
    second = make_assignment(exercise=exercise(), cohort=setup.cohort, due_in_days=10)
    for person in setup.cohort.members.all()[:3]:
        write(person, setup, submit=True)
    with django_assert_num_queries(GRID_QUERIES):
        assert grid(trainer_client, setup.cohort).status_code == 200

    for person in members(195, prefix="more"):
        setup.cohort.members.add(person)
        write(person, setup, submit=person.pk % 2 == 0)
    make_reflection(author=person, reflective_model=one_stage_model(), assignment=second)
    with django_assert_num_queries(GRID_QUERIES):
        response = grid(trainer_client, setup.cohort, page=2)
    assert response.status_code == 200
    assert "200 members × 2 assignments: members 51–100" in response.content.decode()


def test_a_cohort_of_1000_pages_its_grid_and_stays_fast(trainer_client, trainer, django_assert_num_queries):
    cohort = Cohort.objects.create(name="A large cohort")
    cohort.trainers.add(trainer)
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"p{number:04}", first_name=f"Person{number:04}", last_name="Large") for number in range(1000)
    )
    people = list(User.objects.filter(last_name="Large"))
    Group.objects.get(name="Practitioners").user_set.add(*people)
    cohort.members.add(*people)
    work = exercise()
    assignments = [make_assignment(exercise=work, cohort=cohort, due_in_days=days) for days in (-3, 4, 11)]
    Reflection.objects.bulk_create(
        Reflection(
            author=person, exercise=work, assignment=assignments[0], status="submitted", submitted_at=timezone.now()
        )
        for person in people[::2]
    )

    started = time.perf_counter()
    with django_assert_num_queries(GRID_QUERIES):
        response = grid(trainer_client, cohort, page=20)
    elapsed = time.perf_counter() - started

    page = response.content.decode()
    assert "1000 members × 3 assignments: members 951–1000" in page
    assert page.count('<th scope="row">Person') == 50
    assert "500 of 1000 submitted" in page
    assert "Page 20 of 20" in page
    assert elapsed < 2, elapsed


def test_the_csv_is_the_same_grid(trainer_client, every_state):
    response = trainer_client.get(reverse("trainer:cohort_csv", args=[every_state["setup"].cohort.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["Member", "Username"] and rows[0][2].startswith("Hope in practice (due ")
    assert {row[1]: row[2] for row in rows[1:]} == {
        "anna": "Not started",
        "ben": "Draft",
        "cara": "Reopened",
        "dev": "Submitted on time",
        "eve": "Submitted late",
        "finn": "Feedback given",
    }
    assert SECRET not in response.content.decode()


def test_csv_cells_are_never_formulas(trainer_client, trainer):
    person = make_user("eve", role="Practitioners", first_name='=HYPERLINK("http://x")', last_name="")
    cohort = a_cohort(trainer, people=[person]).cohort
    for start in ("+", "-", "@"):
        make_assignment(exercise=exercise(title=f"{start}SUM(A1:A2)"), cohort=cohort)

    rows = list(
        csv.reader(io.StringIO(trainer_client.get(reverse("trainer:cohort_csv", args=[cohort.pk])).content.decode()))
    )

    cells = rows[0] + rows[1]
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert {cell[:2] for cell in rows[0][3:]} == {"'+", "'-", "'@"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_an_empty_cohort_says_what_to_do_next(trainer_client, trainer):
    cohort = Cohort.objects.create(name="Empty")
    cohort.trainers.add(trainer)
    assert "No exercise is assigned to this cohort yet" in grid(trainer_client, cohort).content.decode()
    make_assignment(exercise=exercise(), cohort=cohort)
    assert "This cohort has no members yet" in grid(trainer_client, cohort).content.decode()
