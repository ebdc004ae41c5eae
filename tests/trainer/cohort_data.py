"""Test data for the cohort pages: a trainer's cohort with members, an exercise and an assignment."""

from dataclasses import dataclass

from reflections.models import ReflectiveModel, ReflectiveStage
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection, make_user

SECRET = "Words of the draft that no trainer may read"


def one_stage_model():
    model, created = ReflectiveModel.objects.get_or_create(slug="test-model", defaults={"name": "Test model"})
    if created:
        ReflectiveStage.objects.create(model=model, title="What happened", prompt="What happened?", position=1)
    return model


def exercise(**overrides):
    return make_exercise(reflective_model=one_stage_model(), **overrides)


def members(count, prefix="member"):
    return [
        make_user(
            f"{prefix}{number}",
            role="Practitioners",
            first_name=f"First{number:04}",
            last_name="Member",
            email=f"{prefix}{number}@example.org",
        )
        for number in range(count)
    ]


@dataclass
class Setup:
    cohort: object
    exercise: object
    assignment: object


def a_cohort(trainer, *, people=(), due_in_days=7, **cohort_fields):
    """A cohort run by `trainer` with `people` as members and one exercise assigned, due in `due_in_days`."""
    cohort = make_cohort(trainers=[trainer], members=people, **cohort_fields)
    work = exercise(title="Hope in practice")
    return Setup(
        cohort=cohort, exercise=work, assignment=make_assignment(exercise=work, cohort=cohort, due_in_days=due_in_days)
    )


def write(author, setup, *, submit=False, text=SECRET):
    return make_reflection(
        author=author,
        reflective_model=one_stage_model(),
        exercise=setup.exercise,
        assignment=setup.assignment,
        answers={1: text},
        submit=submit,
    )
