"""Who has done what: the progress grid of a cohort (members × assignments), its CSV, and a member's own list.

Each reflection's state is worked out in the database (one CASE expression), so the grid, its
counts and the CSV agree, and a page costs the same few queries whatever the cohort's size.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from research.exports import csv_text

from .models import Assignment, Extension, Feedback, Reflection

MEMBERS_PER_PAGE = 50

NOT_STARTED = "not_started"
DRAFT = "draft"
REOPENED = "reopened"
SUBMITTED = "submitted"
LATE = "late"
FEEDBACK = "feedback"

# In the order the counts are shown.
STATE_LABELS = {
    NOT_STARTED: "Not started",
    DRAFT: "Draft",
    REOPENED: "Reopened",
    SUBMITTED: "Submitted on time",
    LATE: "Submitted late",
    FEEDBACK: "Feedback given",
}
DONE = {SUBMITTED, LATE, FEEDBACK}


def submission_url(reflection_public_id):
    """Where a trainer reads a submission (the trainer's reading page, `trainer:reflection_detail`)."""
    return reverse("trainer:reflection_detail", args=[reflection_public_id])


def with_state(reflections):
    """Annotate each reflection with `state`: draft, reopened, submitted (on time), late, or feedback.

    "Feedback given" means feedback released since the latest submission: a reopened reflection sent in
    again shows as submitted until the trainer answers the new version.
    """
    answered = Feedback.objects.filter(
        reflection=OuterRef("pk"), released_at__isnull=False, released_at__gte=OuterRef("submitted_at")
    )
    return reflections.annotate(
        answered=Exists(answered),
        state=Case(
            When(status=Reflection.Status.SUBMITTED, answered=True, then=Value(FEEDBACK)),
            When(status=Reflection.Status.SUBMITTED, submitted_late=True, then=Value(LATE)),
            When(status=Reflection.Status.SUBMITTED, then=Value(SUBMITTED)),
            When(reopened_at__isnull=False, then=Value(REOPENED)),
            default=Value(DRAFT),
        ),
    )


@dataclass
class Cell:
    state: str = NOT_STARTED
    public_id: object = None
    submitted_at: datetime | None = None
    extended_to: datetime | None = None

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def url(self):
        return submission_url(self.public_id) if self.state in DONE else ""


@dataclass
class Column:
    assignment: Assignment
    counts: dict = field(default_factory=dict)

    @property
    def done(self):
        return sum(self.counts.get(state, 0) for state in DONE)


def _members(cohort):
    return get_user_model().objects.filter(cohorts=cohort).order_by("last_name", "first_name", "username", "pk")


def _cells(cohort, member_ids):
    """(member id, assignment id) -> Cell for these members, in two queries."""
    cells = {}
    reflections = with_state(
        Reflection.objects.filter(assignment__cohort=cohort, author_id__in=member_ids).order_by()
    ).values_list("author_id", "assignment_id", "state", "public_id", "submitted_at")
    for author_id, assignment_id, state, public_id, submitted_at in reflections:
        cells[author_id, assignment_id] = Cell(state=state, public_id=public_id, submitted_at=submitted_at)
    extensions = Extension.objects.filter(assignment__cohort=cohort, member_id__in=member_ids).values_list(
        "member_id", "assignment_id", "due_at"
    )
    for member_id, assignment_id, due_at in extensions:
        cells.setdefault((member_id, assignment_id), Cell()).extended_to = due_at
    return cells


def _counts(cohort, member_total, assignments):
    """Each assignment's count of members in each state, in one grouped query (members only)."""
    counts = {assignment.pk: {} for assignment in assignments}
    rows = (
        with_state(Reflection.objects.filter(assignment__cohort=cohort, author__cohorts=cohort).order_by())
        .values("assignment_id", "state")
        .annotate(number=Count("pk"))
    )
    for row in rows:
        counts[row["assignment_id"]][row["state"]] = row["number"]
    for per_state in counts.values():
        per_state[NOT_STARTED] = member_total - sum(per_state.values())
    return counts


def cohort_grid(cohort, page_number=None, per_page=MEMBERS_PER_PAGE):
    """One page of the grid: its members (rows of cells, one per assignment), the columns with their counts."""
    assignments = list(cohort.assignments.select_related("exercise").order_by("due_at", "pk"))
    page = Paginator(_members(cohort), per_page=per_page).get_page(page_number)
    members = list(page.object_list)
    cells = _cells(cohort, [member.pk for member in members]) if assignments else {}
    counts = _counts(cohort, page.paginator.count, assignments) if assignments else {}
    rows = [
        (member, [cells.get((member.pk, assignment.pk), Cell()) for assignment in assignments]) for member in members
    ]
    columns = [Column(assignment=assignment, counts=counts[assignment.pk]) for assignment in assignments]
    count_rows = [
        (label, [column.counts.get(state, 0) for column in columns]) for state, label in STATE_LABELS.items()
    ]
    return {"page": page, "rows": rows, "columns": columns, "count_rows": count_rows}


def grid_csv(cohort):
    """The whole grid as CSV: one row per member, one column per assignment, each cell its state in words."""
    assignments = list(cohort.assignments.select_related("exercise").order_by("due_at", "pk"))
    members = list(_members(cohort).only("username", "first_name", "last_name"))
    cells = _cells(cohort, [member.pk for member in members]) if assignments else {}
    local = timezone.localtime
    header = ["Member", "Username"] + [
        f"{assignment.exercise.title} (due {local(assignment.due_at).strftime('%Y-%m-%d %H:%M')} UK time)"
        for assignment in assignments
    ]
    rows = []
    for member in members:
        row = [member.get_full_name(), member.get_username()]
        for assignment in assignments:
            cell = cells.get((member.pk, assignment.pk), Cell())
            text = cell.label
            if cell.extended_to:
                text += f" (extension to {local(cell.extended_to).strftime('%Y-%m-%d %H:%M')})"
            row.append(text)
        rows.append(row)
    return csv_text(header, rows)


@dataclass
class MemberAssignment:
    """One of my assignments, as /reflections/ lists it."""

    assignment: Assignment
    extended_to: datetime | None
    state: str
    public_id: object
    now: datetime

    @property
    def due_at(self):
        return self.extended_to or self.assignment.due_at

    @property
    def overdue(self):
        return self.state not in DONE and self.due_at < self.now

    @property
    def label(self):
        return STATE_LABELS[self.state]


def assignments_for_member(user, now=None):
    """My assignments, soonest due first, with my extension, my reflection and its state: one query."""
    now = now or timezone.now()
    mine = with_state(Reflection.objects.filter(author=user, assignment=OuterRef("pk")))
    assignments = (
        Assignment.objects.for_member(user)
        .select_related("exercise", "cohort")
        .annotate(
            extended_to=Subquery(
                Extension.objects.filter(assignment=OuterRef("pk"), member=user).values("due_at")[:1]
            ),
            my_state=Subquery(mine.values("state")[:1]),
            my_reflection=Subquery(mine.values("public_id")[:1]),
        )
        .order_by("due_at", "pk")
    )
    rows = [
        MemberAssignment(
            assignment=assignment,
            extended_to=assignment.extended_to,
            state=assignment.my_state or NOT_STARTED,
            public_id=assignment.my_reflection,
            now=now,
        )
        for assignment in assignments
    ]
    rows.sort(key=lambda row: (row.state in DONE, row.due_at))
    return rows
