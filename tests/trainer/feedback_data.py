"""Test data for reading submissions and feedback: a cohort, its trainer, an assignment, a submitted reflection."""

from reflections.feedback import feedback_save
from reflections.models import ReflectiveModel
from tests.factories import make_assignment, make_cohort, make_exercise, make_reflection

SECRET = "Words only the author and their trainer may read"


def plain_model():
    """A reflective model with no stages: the exercise's own prompts are the whole reflection."""
    return ReflectiveModel.objects.get_or_create(slug="plain", defaults={"name": "Plain"})[0]


def make_submission(*, trainer, author, prompts=1, answers=None, submit=True, cohort=None, **values):
    """A reflection written for an assignment of a cohort `trainer` runs; submitted unless told otherwise."""
    model = plain_model()
    exercise = make_exercise(
        reflective_model=model, title="Hope in practice", prompts=[f"Question {n}" for n in range(1, prompts + 1)]
    )
    if cohort is None:
        cohort = make_cohort(name="Spring cohort", trainers=[trainer], members=[author])
    assignment = make_assignment(exercise=exercise, cohort=cohort)
    return make_reflection(
        author=author,
        reflective_model=model,
        exercise=exercise,
        assignment=assignment,
        answers=answers or {1: SECRET},
        submit=submit,
        **values,
    )


def give_feedback(reflection, trainer, body="Good work on **the plan**.", *, release=False):
    return feedback_save(reflection=reflection, by=trainer, body=body, release=release)
