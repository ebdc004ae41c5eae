"""Running a cohort: members, invitations, co-trainers, assignments and extensions. Each write owns its transaction.

Due dates are entered and shown in UK time (Europe/London, the site's TIME_ZONE) and kept in UTC.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django_tasks import task

from accounts.roles import PRACTITIONERS

from .models import Assignment, Cohort, Extension, Invitation, NotificationKind
from .notifications import absolute, email, notify_all

UK = ZoneInfo("Europe/London")
INVITATION_DAYS = 14


def uk_time(moment):
    """A moment as people in the UK read it: "3 December 2026, 17:00"."""
    return formats.date_format(timezone.localtime(moment, UK), "j F Y, H:i")


class InvitationUnusable(Exception):
    """The invitation was used already, or has expired: nothing was created."""


def cohort_create(*, name, by):
    with transaction.atomic():
        cohort = Cohort.objects.create(name=name)
        cohort.trainers.add(by)
    return cohort


def member_add(*, cohort, user):
    with transaction.atomic():
        cohort.members.add(user)


def member_remove(*, cohort, user):
    """Take someone out of a cohort. What they wrote stays theirs; they no longer see its assignments."""
    with transaction.atomic():
        cohort.members.remove(user)


def trainer_add(*, cohort, user):
    with transaction.atomic():
        cohort.trainers.add(user)


def invitation_send(*, cohort, email_address, by):
    """Invite an email address with no account yet; an invitation still waiting is sent again for 14 more days."""
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(cohort=cohort, email__iexact=email_address, used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if invitation is None:
            invitation = Invitation.objects.create(
                cohort=cohort, email=email_address, invited_by=by, expires_at=now + timedelta(days=INVITATION_DAYS)
            )
        else:
            invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
            invitation.save(update_fields=["expires_at"])
        inviter = by.display_name
        link = absolute(reverse("reflections:invitation_accept", args=[invitation.token]))
        email(
            to=invitation.email,
            subject=f"You are invited to join {cohort.name} on Recovery Portal",
            body=(
                f"{inviter} invites you to join {cohort.name} on Recovery Portal, where you will do the "
                f"reflection exercises they set.\n\nTo make your account and join, open this link "
                f"(it works once, until {uk_time(invitation.expires_at)} UK time):\n\n{link}\n\n"
                "If you did not expect this, you can ignore this email."
            ),
        )
    return invitation


def invitation_problem(invitation, now=None):
    """Why an invitation can no longer be used, in plain words (None: it can)."""
    now = now or timezone.now()
    if invitation.used_at is not None:
        return "used"
    if invitation.expires_at <= now:
        return "expired"
    return None


def _take(invitation):
    # One conditional UPDATE: of two uses at once, exactly one matches the row.
    now = timezone.now()
    taken = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
    if not taken:
        raise InvitationUnusable


def invitation_accept(*, invitation, username, first_name, last_name, password):
    """Make the Practitioner account an invitation is for, add it to the cohort, and use the invitation up.

    Raises InvitationUnusable (nothing created) when it is used or expired.
    """
    with transaction.atomic():
        _take(invitation)
        user = get_user_model().objects.create_user(
            username, email=invitation.email, password=password, first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=PRACTITIONERS))
        invitation.cohort.members.add(user)
        Invitation.objects.filter(pk=invitation.pk).update(used_by=user)
    return user


def invitation_join(*, invitation, user):
    """Use an invitation with the account that already has its email (made since it was sent)."""
    with transaction.atomic():
        _take(invitation)
        invitation.cohort.members.add(user)
        Invitation.objects.filter(pk=invitation.pk).update(used_by=user)


def assignment_create(*, cohort, exercise, due_at, note, by):
    """Set an exercise for a cohort; each member is told (on the site and by email) once it is saved."""
    with transaction.atomic():
        assignment = Assignment(exercise=exercise, cohort=cohort, due_at=due_at, note=note, assigned_by=by)
        assignment.full_clean()
        assignment.save()
        transaction.on_commit(lambda: notify_assigned.enqueue(assignment_id=assignment.pk))
    return assignment


@task()
def notify_assigned(*, assignment_id):
    """Tell every member of the cohort about a new assignment (run in the background: a cohort may be large)."""
    with transaction.atomic():
        # Locked, so that a second run (a retried task) waits, then finds everyone told and emails no one again.
        assignment = (
            Assignment.objects.select_related("exercise", "cohort")
            .select_for_update(of=("self",))
            .filter(pk=assignment_id)
            .first()
        )
        if assignment is None:
            return
        notify_all(
            recipients=assignment.cohort.members.all(),
            kind=NotificationKind.ASSIGNED,
            message=(
                f"New exercise for {assignment.cohort.name}: {assignment.exercise.title}, "
                f"due {uk_time(assignment.due_at)} UK time."
            ),
            link=assignment.start_url(),
            key=f"assigned:{assignment.pk}",
        )


def extension_grant(*, assignment, member, due_at, by):
    """Give one member a later due date (replacing any extension they had). It must be after the due date."""
    if due_at <= assignment.due_at:
        raise ValidationError(
            f"An extension must end after the due date ({uk_time(assignment.due_at)} UK time).", code="too_early"
        )
    if not assignment.cohort.members.filter(pk=member.pk).exists():
        raise ValidationError("Only a member of the cohort can be given an extension.", code="not_member")
    with transaction.atomic():
        extension, _ = Extension.objects.update_or_create(
            assignment=assignment, member=member, defaults={"due_at": due_at, "granted_by": by}
        )
    return extension
