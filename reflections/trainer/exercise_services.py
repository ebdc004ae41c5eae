"""Saving an exercise from the trainer pages: its fields, questions, themes, readings and tags, then its status,
all through publishing.services, so search, tag pages and the anonymous page cache follow at once."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from publishing import services
from publishing.models import Status

from ..models import Exercise, Prompt

# What a trainer holds to publish their own exercises (curators publish any in admin, with change_exercise).
TEACH = "reflections.teach"
SLUG_MAX = Exercise._meta.get_field("slug").max_length


class StaleExercise(Exception):
    """The exercise was saved (another tab, another person) after the form being saved was opened."""

    def __init__(self, updated):
        super().__init__("The exercise changed after this form was opened.")
        self.updated = updated


def exercise_save(*, exercise, by, status, questions, themes, readings, tags, seen=None):
    """Save `exercise` (new, or changed: its own fields already set from the form) and everything with it.

    `questions` are dicts (id, stage, text, guidance) in their order: the exercise's prompts become exactly
    these. `seen` is the exercise's `updated` (ISO 8601) when the form was opened; a changed exercise saved
    since raises StaleExercise, having written nothing. A new exercise gets `by` as author and a unique slug
    made from its title. Returns the exercise.
    """
    new = exercise.pk is None
    with transaction.atomic():
        if new:
            exercise.author = by
            exercise.status = Status.DRAFT
        else:
            current = Exercise.objects.select_for_update().filter(pk=exercise.pk).values_list("updated", flat=True)
            if not current or current[0].isoformat() != seen:
                raise StaleExercise(current[0] if current else None)
            # The status moves only through publish/unpublish below (they keep its history and search).
            exercise.status = Exercise.objects.filter(pk=exercise.pk).values_list("status", flat=True).get()
        exercise._history_user = by
        _save_with_slug(exercise, new=new)
        exercise.themes.set(themes)
        exercise.readings.set(readings)
        exercise.tags.set(tags)
        _save_questions(exercise, questions, new=new)

        own = Exercise.objects.filter(pk=exercise.pk, author=by)
        if status == Status.PUBLISHED and exercise.status != Status.PUBLISHED:
            services.publish(items=own, by=by, permission=TEACH)
        elif status == Status.DRAFT and exercise.status == Status.PUBLISHED:
            services.unpublish(items=own, by=by, permission=TEACH)
        else:
            services.content_changed(model=Exercise, ids=[exercise.pk])
    exercise.refresh_from_db(fields=["status", "updated"])
    return exercise


def unique_slug(title):
    """A slug made from `title` that no exercise has yet ("my-title", else "my-title-2", ...)."""
    base = slugify(title)[: SLUG_MAX - 4].strip("-") or "exercise"
    taken = set(Exercise.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    return next(f"{base}-{number}" for number in range(2, len(taken) + 3) if f"{base}-{number}" not in taken)


def _save_with_slug(exercise, *, new):
    if not new:
        exercise.save()
        return
    exercise.slug = unique_slug(exercise.title)
    try:
        with transaction.atomic():
            exercise.save()
    except IntegrityError:  # another exercise took the same slug a moment ago
        exercise.pk = None
        exercise.slug = f"{exercise.slug[: SLUG_MAX - 5]}-{secrets.token_hex(2)}"
        exercise.save()


def _save_questions(exercise, questions, *, new):
    existing = {} if new else {prompt.pk: prompt for prompt in exercise.prompts.all()}
    changed, created = [], []
    for position, question in enumerate(questions, start=1):
        prompt = existing.pop(question.get("id"), None)
        if prompt is None:
            prompt = Prompt(exercise=exercise)
            created.append(prompt)
        else:
            changed.append(prompt)
        prompt.position, prompt.stage = position, question["stage"]
        prompt.text, prompt.guidance = question["text"].strip(), question["guidance"].strip()
    if existing:
        Prompt.objects.filter(pk__in=list(existing)).delete()
    Prompt.objects.bulk_update(changed, ["position", "stage", "text", "guidance"])
    Prompt.objects.bulk_create(created)
