"""Trainers answer submitted reflections: feedback drafted then released, and reopening for revision.

Each service owns its transaction and re-checks, inside it, what the trainer's page showed: that the
reflection is still submitted at the version the trainer read, and that a draft of feedback has not been
released meanwhile (another tab, a co-trainer). A refused write changes nothing and says why, so the page
can keep the trainer's text.

A trainer may give further feedback after releasing some (after a resubmission, say): released feedback
never changes, and each trainer has at most one draft on a reflection at a time.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from .models import Feedback, NotificationKind, Reflection
from .notifications import notify

FEEDBACK_MAX_CHARS = 10_000
REOPEN_NOTE_MAX_CHARS = 2_000
WAITING_SHOWN = 20


class ReflectionNotSubmitted(Exception):
    """The reflection is a draft again (reopened for revision): no feedback can be given until it is resubmitted."""


class ReflectionChanged(Exception):
    """The reflection was reopened and submitted again since the trainer's page was opened: read it again."""


class FeedbackReleased(Exception):
    """This feedback was released (from another tab, say); released feedback never changes."""

    def __init__(self, feedback):
        super().__init__("This feedback has already been released.")
        self.feedback = feedback


def name_of(user):
    if user is None:
        return "A trainer who has since left"
    return user.display_name


def released(queryset=None):
    """Feedback the practitioner may see: released only, oldest first, with who gave it."""
    queryset = Feedback.objects.all() if queryset is None else queryset
    return queryset.filter(released_at__isnull=False).select_related("author").order_by("released_at", "id")


def with_feedback_marker(reflections):
    """Reflections annotated with `has_feedback` (released feedback exists), in the same query."""
    return reflections.annotate(
        has_feedback=Exists(Feedback.objects.filter(reflection=OuterRef("pk"), released_at__isnull=False))
    )


def waiting_for_feedback(user):
    """Submitted reflections in `user`'s cohorts that have no released feedback yet, newest first (one query)."""
    return (
        with_feedback_marker(Reflection.objects.readable_by_trainer(user))
        .filter(has_feedback=False)
        .select_related("author", "exercise", "assignment__cohort")
        .order_by("-submitted_at", "-id")[:WAITING_SHOWN]
    )


def _lock_readable(reflection, by):
    """The reflection's current row, locked until commit, if `by` may still give feedback on it."""
    current = (
        Reflection.objects.select_for_update(of=("self",))
        .filter(pk=reflection.pk, assignment__cohort__trainers=by)
        .select_related("author")
        .first()
    )
    if current is None:
        raise PermissionDenied("Only a trainer of its cohort may answer a submitted reflection.")
    if current.is_draft:
        raise ReflectionNotSubmitted
    return current


def feedback_save(*, reflection, by, body, release, feedback=None, version=None):
    """Save trainer `by`'s feedback on `reflection` as a draft (release=False) or release it to the author.

    `feedback` is the draft being edited (None starts one); `version` the reflection's version the trainer
    read (None: the one in hand). Releasing notifies the author once, without the feedback's text.
    Raises ReflectionNotSubmitted, ReflectionChanged or FeedbackReleased, having written nothing.
    """
    body = body.strip()
    if not body:
        raise ValidationError("Write some feedback first.")
    version = reflection.version if version is None else version
    with transaction.atomic():
        current = _lock_readable(reflection, by)
        if current.version != version:
            raise ReflectionChanged
        now = timezone.now()
        released_at = now if release else None
        if feedback is None:
            feedback = Feedback.objects.filter(reflection=current, author=by, released_at__isnull=True).first()
        if feedback is None:
            feedback = Feedback.objects.create(reflection=current, author=by, body=body, released_at=released_at)
        else:
            if feedback.reflection_id != current.pk or feedback.author_id != by.pk:
                raise PermissionDenied("Only its author may change a draft of feedback.")
            # One conditional UPDATE: of two tabs releasing the same draft, only one succeeds.
            changed = Feedback.objects.filter(pk=feedback.pk, released_at__isnull=True).update(
                body=body, released_at=released_at, updated=now
            )
            if not changed:
                raise FeedbackReleased(Feedback.objects.get(pk=feedback.pk))
            feedback.body, feedback.released_at, feedback.updated = body, released_at, now
        if release:
            notify(
                recipient=current.author,
                kind=NotificationKind.FEEDBACK,
                message=f"{name_of(by)} gave feedback on your reflection “{current.display_title}”",
                link=current.get_absolute_url() + "#feedback",
                key=f"feedback:{feedback.pk}",
            )
    return feedback


def reflection_reopen(*, reflection, by, note, version=None):
    """Send a submitted reflection back to its author for revision, with a note: a draft again, one version on.

    The version goes up, so pages opened before (the trainer's feedback form, the author's) meet a clean
    conflict instead of acting on the old text. `submitted_at` and `reopened_at` are kept as history.
    Raises ValidationError (no note), ReflectionNotSubmitted or ReflectionChanged, having written nothing.
    """
    note = note.strip()
    if not note:
        raise ValidationError("Say what to revise: the note is shown to the author.")
    version = reflection.version if version is None else version
    with transaction.atomic():
        current = _lock_readable(reflection, by)
        if current.version != version:
            raise ReflectionChanged
        now = timezone.now()
        Reflection.objects.filter(pk=current.pk, version=version, status=Reflection.Status.SUBMITTED).update(
            status=Reflection.Status.DRAFT, reopened_at=now, reopen_note=note, version=version + 1, updated=now
        )
        notify(
            recipient=current.author,
            kind=NotificationKind.REOPENED,
            message=f"{name_of(by)} sent your reflection “{current.display_title}” back for revision",
            link=reverse("reflections:reflection_edit", args=[current.public_id]),
            key=f"reopened:{current.pk}:{version + 1}",
        )
    reflection.refresh_from_db()
    return reflection
