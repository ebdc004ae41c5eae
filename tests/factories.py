"""Small functions that make test data: make_publication(**overrides) and friends."""

from itertools import count

from research.models import Authorship, Contributor, Publication, Status
from themes.models import Evidence, Theme

_numbers = count(1)


def make_publication(*, authors=(), editors=(), tags=(), **overrides):
    number = next(_numbers)
    fields = {
        "kind": Publication.Kind.JOURNAL_ARTICLE,
        "title": f"A study of recovery number {number}",
        "slug": f"study-{number}",
        "year": 2008,
        "status": Status.PUBLISHED,
        "summary": "What this study is about.",
    }
    fields.update(overrides)
    publication = Publication.objects.create(**fields)
    for role, people in ((Authorship.Role.AUTHOR, authors), (Authorship.Role.EDITOR, editors)):
        for position, (family, given) in enumerate(people, start=1):
            contributor, _ = Contributor.objects.get_or_create(family_name=family, given_names=given)
            Authorship.objects.create(publication=publication, contributor=contributor, role=role, position=position)
    if tags:
        publication.tags.set(list(tags))
    return publication


def make_theme(*, tags=(), **overrides):
    number = next(_numbers)
    fields = {
        "title": f"Theme number {number}",
        "slug": f"theme-{number}",
        "position": number,
        "summary": "A short summary of the theme.",
        "body": "The theme in a few *plain* words.",
        "question": "What does this mean for your practice?",
        "status": Status.PUBLISHED,
    }
    fields.update(overrides)
    theme = Theme.objects.create(**fields)
    if tags:
        theme.tags.set(list(tags))
    return theme


def link(theme, publication, note="Why it bears on the theme.", position=0):
    return Evidence.objects.create(theme=theme, publication=publication, note=note, position=position)


def refresh_search():
    """Bring search up to date with everything (stored vectors on PostgreSQL, "did you mean" words everywhere),
    as the admin, the content loader and the importer do after they write. The factories above write rows
    directly, so tests that search call this once their data is made."""
    from publishing import search_index

    search_index.rebuild()


def make_user(username, *, role, **fields):
    """A user in one of the role groups ("Curators", "Trainers", "Practitioners"), with password "pw"."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password="pw", **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def make_exercise(*, reflective_model, prompts=(), readings=(), themes=(), tags=(), **overrides):
    from reflections.models import Exercise, Prompt

    number = next(_numbers)
    fields = {
        "title": f"Exercise number {number}",
        "slug": f"exercise-{number}",
        "instructions": "Think about a recent visit.",
        "estimated_minutes": 20,
        "status": Status.PUBLISHED,
    }
    fields.update(overrides)
    exercise = Exercise.objects.create(reflective_model=reflective_model, **fields)
    for position, text in enumerate(prompts, start=1):
        Prompt.objects.create(exercise=exercise, position=position, text=text, guidance=f"Guidance for {text}")
    exercise.readings.set(readings)
    exercise.themes.set(themes)
    if tags:
        exercise.tags.set(list(tags))
    return exercise


def make_reflection(
    *, author, reflective_model=None, exercise=None, assignment=None, answers=None, submit=False, **values
):
    """A reflection made as the writing page makes one (reflections.services); `answers` maps position -> text."""
    import uuid

    from reflections.services import reflection_create, reflection_submit

    values.setdefault("title", "A home visit")
    values.update({f"answer_{position}": text for position, text in (answers or {1: "What happened."}).items()})
    reflection = reflection_create(
        author=author,
        public_id=uuid.uuid4(),
        reflective_model=reflective_model,
        exercise=exercise,
        assignment=assignment,
        values=values,
    )
    if submit:
        reflection = reflection_submit(reflection=reflection, by=author, version=reflection.version)
    return reflection


def make_cohort(*, trainers=(), members=(), **overrides):
    from reflections.models import Cohort

    cohort = Cohort.objects.create(**{"name": f"Cohort {next(_numbers)}", **overrides})
    cohort.trainers.set(trainers)
    cohort.members.set(members)
    return cohort


def make_assignment(*, exercise, cohort, due_in_days=14, **overrides):
    """An assignment due `due_in_days` from now (negative: overdue)."""
    from datetime import timedelta

    from django.utils import timezone

    from reflections.models import Assignment

    fields = {"due_at": timezone.now() + timedelta(days=due_in_days), "note": "Bring it to the next session."}
    fields.update(overrides)
    return Assignment.objects.create(exercise=exercise, cohort=cohort, **fields)
