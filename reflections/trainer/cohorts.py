"""The trainer's cohort pages: the cohorts I run, their members, assignments, extensions and the progress grid.

Every page finds its cohort among the trainer's own (`Cohort.objects.run_by`): another trainer's
cohort is a 404, for a GET or a POST alike, and a POST to it changes nothing.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import cohorts, progress
from ..access import trainer_only
from ..models import Assignment, Cohort, Invitation
from .cohort_forms import AssignmentForm, CohortForm, ExtensionForm, MemberAddForm, TrainerAddForm

MEMBERS_PER_PAGE = 50


def _my_cohort(request, pk):
    return get_object_or_404(Cohort.objects.run_by(request.user), pk=pk)


def _my_assignment(request, pk, assignment_pk):
    cohort = _my_cohort(request, pk)
    assignment = get_object_or_404(cohort.assignments.select_related("exercise"), pk=assignment_pk)
    assignment.cohort = cohort
    return assignment


def _count(model_related, **filters):
    return Coalesce(
        Subquery(
            model_related.filter(**filters).order_by().values("cohort_id").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


@trainer_only
def cohort_list(request):
    members = Cohort.members.through.objects
    cohort_rows = Cohort.objects.run_by(request.user).annotate(
        member_count=_count(members, cohort_id=OuterRef("pk")),
        assignment_count=_count(Assignment.objects, cohort_id=OuterRef("pk")),
    )
    return render(request, "trainer/cohort_list.html", {"cohorts": cohort_rows})


@trainer_only
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = cohorts.cohort_create(name=form.cleaned_data["name"], by=request.user)
        messages.success(request, f"Cohort “{cohort.name}” made. Now add its members.")
        return redirect("trainer:cohort_members", cohort.pk)
    return render(request, "trainer/cohort_form.html", {"form": form}, status=400 if form.errors else 200)


@trainer_only
def cohort_detail(request, pk):
    """The progress grid: members × assignments, a page of members at a time."""
    cohort = _my_cohort(request, pk)
    grid = progress.cohort_grid(cohort, request.GET.get("page"))
    return render(request, "trainer/cohort_detail.html", {"cohort": cohort, **grid})


@trainer_only
def cohort_csv(request, pk):
    cohort = _my_cohort(request, pk)
    response = HttpResponse(progress.grid_csv(cohort), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-progress-{day}.csv"'
    return response


def _members_page(request, cohort, *, member_form=None, trainer_form=None, status=200):
    members = cohort.members.order_by("last_name", "first_name", "username", "pk")
    page = Paginator(members, per_page=MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    invitations = Invitation.objects.filter(cohort=cohort, used_at__isnull=True, expires_at__gt=timezone.now())
    context = {
        "cohort": cohort,
        "page": page,
        "trainers": cohort.trainers.order_by("last_name", "first_name", "username"),
        "invitations": invitations.order_by("email"),
        "member_form": member_form or MemberAddForm(cohort=cohort),
        "trainer_form": trainer_form or TrainerAddForm(cohort=cohort),
    }
    return render(request, "trainer/cohort_members.html", context, status=status)


@trainer_only
def cohort_members(request, pk):
    return _members_page(request, _my_cohort(request, pk))


@trainer_only
@require_POST
def member_add(request, pk):
    cohort = _my_cohort(request, pk)
    form = MemberAddForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _members_page(request, cohort, member_form=form, status=400)
    if form.user is not None:
        cohorts.member_add(cohort=cohort, user=form.user)
        messages.success(request, f"Added {form.user.display_name} to the cohort.")
    else:
        invitation = cohorts.invitation_send(cohort=cohort, email_address=form.email, by=request.user)
        messages.success(
            request,
            f"No account uses {invitation.email}, so an invitation was sent there. "
            f"Its link works once, until {cohorts.uk_time(invitation.expires_at)} UK time.",
        )
    return redirect("trainer:cohort_members", cohort.pk)


@trainer_only
@require_POST
def member_remove(request, pk, user_pk):
    cohort = _my_cohort(request, pk)
    member = get_object_or_404(cohort.members, pk=user_pk)
    cohorts.member_remove(cohort=cohort, user=member)
    messages.success(
        request,
        f"Removed {member.display_name} from the cohort. "
        "What they wrote stays theirs; they no longer see this cohort's assignments.",
    )
    return redirect("trainer:cohort_members", cohort.pk)


@trainer_only
@require_POST
def trainer_add(request, pk):
    cohort = _my_cohort(request, pk)
    form = TrainerAddForm(request.POST, cohort=cohort)
    if not form.is_valid():
        return _members_page(request, cohort, trainer_form=form, status=400)
    cohorts.trainer_add(cohort=cohort, user=form.user)
    messages.success(request, f"{form.user.display_name} now runs this cohort too.")
    return redirect("trainer:cohort_members", cohort.pk)


@trainer_only
def assignment_create(request, pk):
    cohort = _my_cohort(request, pk)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = cohorts.assignment_create(
            cohort=cohort,
            exercise=form.cleaned_data["exercise"],
            due_at=form.cleaned_data["due_at"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        due = cohorts.uk_time(assignment.due_at)
        messages.success(request, f"Assigned “{assignment.exercise.title}”, due {due} UK time. Each member is told.")
        if form.due_in_past:
            messages.warning(
                request,
                f"The due date, {due} UK time, has already passed: every member who has not submitted it "
                "is shown as overdue. To change it, give members an extension.",
            )
        return redirect("trainer:cohort_detail", cohort.pk)
    return render(
        request,
        "trainer/assignment_form.html",
        {"cohort": cohort, "form": form},
        status=400 if form.errors else 200,
    )


def _assignment_page(request, assignment, *, form=None, status=200):
    extensions = assignment.extensions.select_related("member").order_by("due_at", "member__username")
    context = {
        "cohort": assignment.cohort,
        "assignment": assignment,
        "extensions": extensions,
        "form": form or ExtensionForm(assignment=assignment),
        "now": timezone.now(),
    }
    return render(request, "trainer/assignment_detail.html", context, status=status)


@trainer_only
def assignment_detail(request, pk, assignment_pk):
    return _assignment_page(request, _my_assignment(request, pk, assignment_pk))


@trainer_only
@require_POST
def extension_grant(request, pk, assignment_pk):
    assignment = _my_assignment(request, pk, assignment_pk)
    form = ExtensionForm(request.POST, assignment=assignment)
    if not form.is_valid():
        return _assignment_page(request, assignment, form=form, status=400)
    extension = cohorts.extension_grant(
        assignment=assignment, member=form.member, due_at=form.cleaned_data["due_at"], by=request.user
    )
    member = form.member.display_name
    messages.success(request, f"{member} now has until {cohorts.uk_time(extension.due_at)} UK time.")
    return redirect("trainer:assignment_detail", assignment.cohort_id, assignment.pk)
