"""Writes that touch several rows: create, save, submit and restore a reflection. Each owns its transaction.

Every save names the version it was made from. The check is one conditional
UPDATE (`... WHERE id = %s AND version = %s AND status = 'draft'`), so of two
saves made from the same version exactly one wins: the database lets only one
UPDATE match the row, and the other changes nothing and is refused.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .digest import submission_arrived
from .forms import CPD_FIELDS, as_text, bind_reflection_form
from .models import Answer, Assignment, Extension, Reflection, ReflectionVersion, new_answers

# Snapshots: at most one per VERSION_INTERVAL (the newest one follows the
# text until the interval is over), except that a new one always starts for
# a save that removes at least LARGE_DELETION characters (the text before a
# slip of the mouse is kept) or that comes from another page than the last
# save (another tab: what it wrote stays, even if this one is kept over it).
# VERSIONS_KEPT are kept.
VERSION_INTERVAL = timedelta(minutes=5)
VERSIONS_KEPT = 20
LARGE_DELETION = 100

ROW_FIELDS = ("title", "is_cpd", *CPD_FIELDS)


class StaleVersion(Exception):
    """The reflection was saved from somewhere else since the version this save was made from."""


class ReflectionSubmitted(Exception):
    """The reflection has been submitted, so it can no longer change."""


@dataclass(frozen=True)
class Saved:
    version: int
    saved_at: datetime


def reflection_create(*, author, public_id, reflective_model=None, exercise=None, assignment=None, values, page=""):
    """A new draft with its answers (one per prompt) and its first snapshot. `values` are the form's cleaned data.

    Raises IntegrityError when `public_id` is taken (the page was saved twice at once).
    """
    with transaction.atomic():
        now = timezone.now()
        reflection = Reflection.objects.create(
            public_id=public_id,
            author=author,
            exercise=exercise,
            assignment=assignment,
            reflective_model=reflective_model,
            version=1,
            updated=now,
            **{name: values[name] for name in ROW_FIELDS if name in values},
        )
        answers = new_answers(reflective_model=reflective_model, exercise=exercise)
        for answer in answers:
            answer.reflection = reflection
            answer.body = values.get(answer.field_name, "")
        Answer.objects.bulk_create(answers)
        _keep_snapshot(reflection=reflection, version=1, now=now, page=page, new=True)
    return reflection


def reflection_save(*, reflection, by, version, values, page=""):
    """Save a draft made from `version`; return the new version and time.

    `values` are the writing form's cleaned data; answers it leaves out are
    not touched. `page` names the writing page the save came from (a tab).
    Raises StaleVersion or ReflectionSubmitted, having written nothing.
    """
    return _save(reflection=reflection, by=by, version=version, values=values, page=page, new_snapshot=False)


def reflection_restore(*, reflection, by, snapshot, version):
    """Make an earlier snapshot the current text, as a save from `version`; the text it replaces stays a snapshot."""
    if snapshot.reflection_id != reflection.pk:
        raise PermissionDenied("That version belongs to another reflection.")
    form = bind_reflection_form(
        reflection=reflection, answers=reflection.answers.all(), data={**snapshot.fields, "version": version}
    )
    if not form.is_valid():
        raise ValidationError("That version no longer fits the writing form's limits, so it cannot be restored.")
    return _save(reflection=reflection, by=by, version=version, values=form.cleaned_data, page="", new_snapshot=True)


def reflection_submit(*, reflection, by, version):
    """Submit a draft as it stood at `version`: from then on it is read-only."""
    _check_author(reflection, by)
    problems = submit_problems(reflection)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        now = timezone.now()
        due_at = _due_for(reflection)
        submitted = _drafts_at(reflection, version).update(
            status=Reflection.Status.SUBMITTED,
            submitted_at=now,
            submitted_late=due_at is not None and now > due_at,
            version=version + 1,
            updated=now,
        )
        if not submitted:
            _refuse(reflection)
        submission_arrived(reflection)  # the cohort's trainers hear of it once it is committed
    reflection.refresh_from_db()
    return reflection


def _due_for(reflection):
    """When the author's work for its assignment is due: their extension if they have one (None: no assignment)."""
    if reflection.assignment_id is None:
        return None
    extended = Extension.objects.filter(assignment_id=reflection.assignment_id, member_id=reflection.author_id)
    return extended.values_list("due_at", flat=True).first() or (
        Assignment.objects.filter(pk=reflection.assignment_id).values_list("due_at", flat=True).first()
    )


def submit_problems(reflection):
    """What stops a draft being submitted, in plain words (none: it may be)."""
    problems = []
    if not reflection.title.strip():
        problems.append("Give the reflection a title before submitting it.")
    if not any(answer.body.strip() for answer in reflection.answers.all()):
        problems.append("There is nothing written yet. Write your reflection before submitting it.")
    return problems


def _save(*, reflection, by, version, values, page, new_snapshot):
    _check_author(reflection, by)
    with transaction.atomic():
        now = timezone.now()
        saved = _drafts_at(reflection, version).update(
            version=version + 1, updated=now, **{name: values[name] for name in ROW_FIELDS if name in values}
        )
        if not saved:
            _refuse(reflection)
        # The row is ours until commit (PostgreSQL holds its lock; SQLite the database's), so these are current.
        changed = []
        for answer in Answer.objects.filter(reflection=reflection):
            body = values.get(answer.field_name)
            if body is not None and body != answer.body:
                answer.body = body
                changed.append(answer)
        Answer.objects.bulk_update(changed, ["body"])
        _keep_snapshot(reflection=reflection, version=version + 1, now=now, page=page, new=new_snapshot)
    return Saved(version=version + 1, saved_at=now)


def _check_author(reflection, by):
    if reflection.author_id != by.pk:
        raise PermissionDenied("Only its author may change a reflection.")


def _drafts_at(reflection, version):
    return Reflection.objects.filter(pk=reflection.pk, version=version, status=Reflection.Status.DRAFT)


def _refuse(reflection):
    status = Reflection.objects.filter(pk=reflection.pk).values_list("status", flat=True).first()
    if status == Reflection.Status.SUBMITTED:
        raise ReflectionSubmitted
    raise StaleVersion


def current_fields(reflection):
    """The stored text by form field name, read afresh (the in-memory reflection may be older)."""
    row = Reflection.objects.values(*ROW_FIELDS).get(pk=reflection.pk)
    fields = {name: as_text(value) for name, value in row.items()}
    for position, body in Answer.objects.filter(reflection=reflection).values_list("position", "body"):
        fields[f"answer_{position}"] = body
    return fields


def _text_length(fields):
    return sum(len(text) for text in fields.values())


def _keep_snapshot(*, reflection, version, now, page, new):
    """Keep the text just saved as a snapshot: the newest one, or a new one (see VERSION_INTERVAL)."""
    fields = current_fields(reflection)
    latest = ReflectionVersion.objects.filter(reflection=reflection).order_by("-saved_at", "-id").first()
    if (
        latest is not None
        and not new
        and latest.version == version - 1
        and latest.page == page
        and now - latest.started < VERSION_INTERVAL
        and _text_length(latest.fields) - _text_length(fields) < LARGE_DELETION
    ):
        latest.version, latest.saved_at, latest.fields = version, now, fields
        latest.save(update_fields=["version", "saved_at", "fields"])
        return
    ReflectionVersion.objects.create(
        reflection=reflection, version=version, page=page, started=now, saved_at=now, fields=fields
    )
    older = ReflectionVersion.objects.filter(reflection=reflection).order_by("-saved_at", "-id")[VERSIONS_KEPT:]
    stale = list(older.values_list("pk", flat=True))
    if stale:
        ReflectionVersion.objects.filter(pk__in=stale).delete()
