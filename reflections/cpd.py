"""The CPD record as Social Work England asks for it: registration years, progress, suggestions, CSV."""

import csv
import io
import operator
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import reduce

from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from .models import Reflection, ReflectiveStage

# SWE: at least two pieces of CPD in each registration year, at least one of them with peer reflection.
REQUIRED_PIECES = 2
REQUIRED_WITH_PEER = 1

# What a record needs before it can be copied into SWE's form (the peer reflection is optional per record).
READY_FIELDS = ("cpd_type", "cpd_title", "cpd_date", "cpd_description", "cpd_learning", "cpd_impact")


@dataclass(frozen=True, order=True)
class RegistrationYear:
    """SWE's registration year, 1 December to 30 November, named by the year it ends in."""

    ends: int

    @classmethod
    def containing(cls, day):
        return cls(day.year + 1 if day.month == 12 else day.year)

    @classmethod
    def current(cls):
        return cls.containing(timezone.localdate())

    @property
    def first_day(self):
        return date(self.ends - 1, 12, 1)

    @property
    def last_day(self):
        return date(self.ends, 11, 30)

    @property
    def deadline(self):
        """SWE's deadline: 23:59 on 30 November."""
        return timezone.make_aware(datetime.combine(self.last_day, time(23, 59)))

    @property
    def label(self):
        return f"{self.ends - 1}–{str(self.ends)[2:]}"

    def days_left(self, today=None):
        today = today or timezone.localdate()
        return max((self.last_day - today).days, 0)

    def __str__(self):
        return self.label


READY = reduce(
    operator.and_,
    [~models.Q(**({f"{name}__isnull": True} if name.endswith("_date") else {name: ""})) for name in READY_FIELDS],
)
WITH_PEER = READY & ~models.Q(peer_reflection="")


def cpd_records(user):
    """A person's CPD records, each with `cpd_on` (its date, or the day it was begun) and whether it is ready."""
    return (
        Reflection.objects.owned_by(user)
        .filter(is_cpd=True)
        .annotate(
            cpd_on=Coalesce("cpd_date", TruncDate("created")),
            ready=models.ExpressionWrapper(READY, output_field=models.BooleanField()),
        )
    )


def in_year(records, year):
    return records.filter(cpd_on__range=(year.first_day, year.last_day))


@dataclass(frozen=True)
class Progress:
    year: RegistrationYear
    records: int
    ready: int
    with_peer: int

    @property
    def enough_pieces(self):
        return self.ready >= REQUIRED_PIECES

    @property
    def enough_peer(self):
        return self.with_peer >= REQUIRED_WITH_PEER

    @property
    def complete(self):
        return self.enough_pieces and self.enough_peer

    @property
    def required_pieces(self):
        return REQUIRED_PIECES

    @property
    def days_left(self):
        return self.year.days_left()

    @property
    def is_current(self):
        return self.year == RegistrationYear.current()

    @property
    def not_ready(self):
        return self.records - self.ready


def progress(user, year):
    """How far a person's CPD record for one year meets SWE's requirement (one query)."""
    counts = in_year(cpd_records(user), year).aggregate(
        records=models.Count("pk"),
        ready=models.Count("pk", filter=READY),
        with_peer=models.Count("pk", filter=WITH_PEER),
    )
    return Progress(year=year, **counts)


def missing_fields(reflection):
    """The labels of what a record still needs, in SWE's order."""
    return [Reflection._meta.get_field(name).verbose_name for name in READY_FIELDS if not getattr(reflection, name)]


def suggestion(answers, use, *, texts=None):
    """A first draft of "what I learnt" or "the impact": the answers to the stages that feed it.

    `texts` (field name -> text) stands in for the stored answers, e.g. the text just posted.
    """
    texts = texts or {}
    parts = (
        texts.get(answer.field_name, answer.body).strip()
        for answer in answers
        if answer.stage is not None and answer.stage.cpd_use == use
    )
    return "\n\n".join(part for part in parts if part)


SUGGESTED_FIELDS = {"cpd_learning": ReflectiveStage.CpdUse.LEARNING, "cpd_impact": ReflectiveStage.CpdUse.IMPACT}

# The CSV's columns: SWE's fields in the order of its form, then our own.
CSV_COLUMNS = (
    ("Type of CPD", "cpd_type"),
    ("Title", "cpd_title"),
    ("Date", "cpd_date"),
    ("Description and why it is relevant", "cpd_description"),
    ("What I learnt", "cpd_learning"),
    ("Impact on my practice and the people I work with", "cpd_impact"),
    ("What I learnt from discussing this with a peer", "peer_reflection"),
    ("Peer's role", "peer_role"),
    ("Date of the peer discussion", "peer_date"),
    ("Registration year", "registration_year"),
    ("Reflection", "reflection_title"),
    ("Reflection status", "reflection_status"),
    ("Confirmed by a peer on", "peer_confirmed_on"),
)
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """A cell a spreadsheet shows as text, never runs: a leading apostrophe before a would-be formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def records_csv(records):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([heading for heading, _ in CSV_COLUMNS])
    for record in records:
        extra = {
            "registration_year": RegistrationYear.containing(record.cpd_on).label,
            "reflection_title": record.display_title,
            "reflection_status": record.get_status_display(),
            "peer_confirmed_on": _day(getattr(record, "peer_confirmed_at", None)),
        }
        writer.writerow(
            [neutralise(extra[name] if name in extra else getattr(record, name) or "") for _, name in CSV_COLUMNS]
        )
    return buffer.getvalue()


def _day(moment):
    return timezone.localdate(moment).isoformat() if moment else ""
